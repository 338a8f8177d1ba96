package dev.runbook.modules.support;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Optional;

/** Small text helpers shared by the modules: messages, UTF-8 detection, checksums, durations. */
public final class Texts {

    /** How much of a command's stderr or an HTTP body goes into a one-line message. */
    public static final int MESSAGE_CAP = 600;

    private Texts() {
    }

    /** Trimmed and capped, for messages: a failing command's stderr, a response body. */
    public static String brief(String s) {
        return brief(s, MESSAGE_CAP);
    }

    /** Trimmed and capped at {@code cap} characters (a validator's diagnostics deserve more room). */
    public static String brief(String s, int cap) {
        if (s == null) {
            return "";
        }
        String t = s.strip();
        return t.length() <= cap ? t : t.substring(0, cap) + " [... " + (t.length() - cap) + " more chars]";
    }

    /** " : <brief>" when there is something to say, else empty, so messages read well either way. */
    public static String suffix(String s) {
        return suffix(s, MESSAGE_CAP);
    }

    public static String suffix(String s, int cap) {
        String b = brief(s, cap);
        return b.isEmpty() ? "" : ": " + b;
    }


    /** The bytes as text when they are valid UTF-8 without NUL (so a diff makes sense), else empty. */
    public static Optional<String> asText(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** A human duration: 1500ms → "1.5s", 300s → "5m", 90s → "1m30s". */
    public static String human(java.time.Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            return ms % 1000 == 0 ? (ms / 1000) + "s" : String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        long s = ms / 1000;
        StringBuilder b = new StringBuilder();
        if (s >= 3600) {
            b.append(s / 3600).append('h');
            s %= 3600;
        }
        if (s >= 60) {
            b.append(s / 60).append('m');
            s %= 60;
        }
        if (s > 0) {
            b.append(s).append('s');
        }
        return b.toString();
    }
}
