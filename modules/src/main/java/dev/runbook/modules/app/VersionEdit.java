package dev.runbook.modules.app;

import dev.runbook.modules.ops.OpException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Textual version edits that keep a file's formatting and comments: a {@code VAR=value} line of an
 * env file, or the tag of one service's {@code image:} line in a compose file (YAML is not
 * re-serialised).
 *
 * @param previous the version found (null when the env variable was absent)
 */
record VersionEdit(String previous, String text) {

    private static final Pattern ENV_LINE = Pattern.compile("^(\\s*(?:export\\s+)?)([A-Za-z_][A-Za-z0-9_]*)(\\s*=\\s*)(.*?)(\\s*)$");
    private static final Pattern KEY = Pattern.compile("^(\\s*)([A-Za-z0-9_.-]+|\"[^\"]*\"|'[^']*'):(\\s.*|)$");
    private static final Pattern IMAGE = Pattern.compile("^(\\s*image:\\s*)([\"']?)([^\"'#\\s]+)([\"']?)(.*)$");

    static VersionEdit env(String text, String variable, String version) throws OpException {
        checkValue(version);
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        String previous = null;
        boolean found = false;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = ENV_LINE.matcher(lines.get(i));
            if (m.matches() && m.group(2).equals(variable)) {
                String raw = m.group(4);
                String quote = raw.length() >= 2 && (raw.startsWith("\"") && raw.endsWith("\"") || raw.startsWith("'") && raw.endsWith("'"))
                        ? raw.substring(0, 1) : "";
                previous = quote.isEmpty() ? raw : raw.substring(1, raw.length() - 1);
                lines.set(i, m.group(1) + m.group(2) + m.group(3) + quote + version + quote + m.group(5));
                found = true;
            }
        }
        if (!found) {
            if (!text.isEmpty() && !text.endsWith("\n")) {
                lines.set(lines.size() - 1, lines.get(lines.size() - 1) + "\n" + variable + "=" + version);
            } else if (text.isEmpty()) {
                lines.set(0, variable + "=" + version);
                lines.add("");
            } else {
                lines.add(lines.size() - 1, variable + "=" + version);
            }
        }
        return new VersionEdit(previous, String.join("\n", lines));
    }

    static VersionEdit compose(String text, String service, String version) throws OpException {
        checkValue(version);
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int services = -1;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = KEY.matcher(lines.get(i));
            if (m.matches() && m.group(1).isEmpty() && unquote(m.group(2)).equals("services")) {
                services = i;
                break;
            }
        }
        if (services < 0) {
            throw new OpException("no top-level 'services:' key in the compose file");
        }
        int serviceLine = -1;
        int serviceIndent = -1;
        for (int i = services + 1; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isBlank() || l.strip().startsWith("#")) {
                continue;
            }
            Matcher m = KEY.matcher(l);
            int ind = indent(l);
            if (ind == 0) {
                break;
            }
            if (serviceIndent < 0) {
                serviceIndent = ind;
            }
            if (m.matches() && ind == serviceIndent && unquote(m.group(2)).equals(service)) {
                serviceLine = i;
                break;
            }
        }
        if (serviceLine < 0) {
            throw new OpException("no service '" + service + "' under 'services:' in the compose file (block style expected)");
        }
        for (int i = serviceLine + 1; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isBlank() || l.strip().startsWith("#")) {
                continue;
            }
            if (indent(l) <= serviceIndent) {
                break;
            }
            Matcher m = IMAGE.matcher(l);
            if (m.matches()) {
                String image = m.group(3);
                if (image.contains("$")) {
                    throw new OpException("the image of service '" + service + "' is '" + image
                            + "': its tag comes from a variable; set that variable with kind: env on the compose project's .env file");
                }
                if (image.contains("@")) {
                    throw new OpException("the image of service '" + service + "' is pinned by digest (" + image + "); replace it by hand");
                }
                int slash = image.lastIndexOf('/');
                int colon = image.lastIndexOf(':');
                String repo = colon > slash ? image.substring(0, colon) : image;
                String previous = colon > slash ? image.substring(colon + 1) : "latest";
                lines.set(i, m.group(1) + m.group(2) + repo + ":" + version + m.group(4) + m.group(5));
                return new VersionEdit(previous, String.join("\n", lines));
            }
        }
        throw new OpException("service '" + service + "' in the compose file has no 'image:' line");
    }

    private static void checkValue(String version) throws OpException {
        if (!version.matches("[A-Za-z0-9_][A-Za-z0-9_.+-]*")) {
            throw new OpException("version '" + version + "' is not a valid image tag / version (letters, digits, '_', '.', '-', '+')");
        }
    }

    private static int indent(String l) {
        int k = 0;
        while (k < l.length() && (l.charAt(k) == ' ' || l.charAt(k) == '\t')) {
            k++;
        }
        return k;
    }

    private static String unquote(String key) {
        return key.length() >= 2 && (key.startsWith("\"") || key.startsWith("'")) ? key.substring(1, key.length() - 1) : key;
    }
}
