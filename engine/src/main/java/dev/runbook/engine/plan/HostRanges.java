package dev.runbook.engine.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Compacts host lists for people: {@code app1, app2, app3, db1} → {@code app1..app3,db1}. */
public final class HostRanges {

    private static final Pattern NUMBERED = Pattern.compile("(.*?)([0-9]+)");

    private HostRanges() {
    }

    /** Runs of three or more consecutive numbers collapse to {@code first..last}; order is kept. */
    public static List<String> ranges(List<String> hosts) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < hosts.size()) {
            int j = i;
            while (j + 1 < hosts.size() && follows(hosts.get(j), hosts.get(j + 1))) {
                j++;
            }
            if (j - i >= 2) {
                out.add(hosts.get(i) + ".." + hosts.get(j));
            } else {
                for (int k = i; k <= j; k++) {
                    out.add(hosts.get(k));
                }
            }
            i = j + 1;
        }
        return out;
    }

    /** Ranges joined by {@code separator}, cut after about {@code maxChars} with how many hosts were left out. */
    public static String compact(List<String> hosts, String separator, int maxChars) {
        if (hosts.isEmpty()) {
            return "(none)";
        }
        List<String> ranges = ranges(hosts);
        StringBuilder out = new StringBuilder();
        int shown = 0;
        for (String r : ranges) {
            String next = out.length() == 0 ? r : separator + r;
            if (out.length() > 0 && out.length() + next.length() > maxChars) {
                break;
            }
            out.append(next);
            shown += count(r);
        }
        if (shown < hosts.size()) {
            out.append(separator).append("+").append(hosts.size() - shown).append(" more");
        }
        return out.toString();
    }

    private static int count(String range) {
        int dots = range.indexOf("..");
        if (dots < 0) {
            return 1;
        }
        Matcher a = NUMBERED.matcher(range.substring(0, dots));
        Matcher b = NUMBERED.matcher(range.substring(dots + 2));
        if (!a.matches() || !b.matches()) {
            return 1;
        }
        return (int) (Long.parseLong(b.group(2)) - Long.parseLong(a.group(2)) + 1);
    }

    private static boolean follows(String a, String b) {
        Matcher ma = NUMBERED.matcher(a);
        Matcher mb = NUMBERED.matcher(b);
        if (!ma.matches() || !mb.matches() || !ma.group(1).equals(mb.group(1))) {
            return false;
        }
        String na = ma.group(2);
        String nb = mb.group(2);
        // app09 → app10 keeps its width; app9 → app010 is not a run
        boolean sameWidth = na.length() == nb.length() || (!na.startsWith("0") && !nb.startsWith("0"));
        return sameWidth && na.length() < 18 && nb.length() < 18 && Long.parseLong(nb) == Long.parseLong(na) + 1;
    }
}
