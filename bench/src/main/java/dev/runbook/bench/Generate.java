package dev.runbook.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes synthetic inputs of a given size: a runbook whose steps form a layered task graph over ten
 * host groups (with serial, run_once, tags, when, templates and undo mixed in), its inventory, and an
 * equivalent Ansible playbook + INI inventory for the start-up comparison.
 */
final class Generate {

    static final int GROUPS = 10;

    private Generate() {
    }

    static void inventory(Path file, int hosts) throws IOException {
        StringBuilder y = new StringBuilder("name: bench\ndefaults: { user: deploy, port: 2222 }\nvars: { svc: bench }\nhosts:\n");
        for (int h = 1; h <= hosts; h++) {
            y.append("  h").append(h).append(": { address: 127.0.11.").append(h % 250 + 1)
                    .append(", vars: { n: ").append(h).append(" } }\n");
        }
        y.append("groups:\n");
        for (int g = 0; g < GROUPS; g++) {
            y.append("  g").append(g).append(": { hosts: [");
            boolean first = true;
            for (int h = 1; h <= hosts; h++) {
                if (h % GROUPS == g) {
                    y.append(first ? "" : ", ").append('h').append(h);
                    first = false;
                }
            }
            y.append("] }\n");
        }
        y.append("  even: { children: [g0, g2, g4, g6, g8] }\n");
        Files.writeString(file, y);
    }

    static void runbook(Path file, int steps) throws IOException {
        StringBuilder y = new StringBuilder("""
                name: bench
                description: Synthetic runbook for the planning benchmark
                vars:
                  version: { type: string, default: "1.0", description: Version to roll out }
                  pause:   { type: duration, default: 2s, description: Pause between checks }
                steps:
                """);
        String[] patterns = {"all", "g%d", "g%d:g%d", "even:!h1", "g%d[0]", "g%d:&all", "h*"};
        for (int i = 0; i < steps; i++) {
            int g = i % GROUPS;
            String pattern = String.format(patterns[i % patterns.length], g, (g + 1) % GROUPS);
            y.append("  - id: s").append(i).append('\n');
            y.append("    name: Step ").append(i).append(" of the rollout\n");
            y.append("    hosts: \"").append(pattern).append("\"\n");
            if (i > 0) {
                y.append("    needs: [s").append(i - 1);
                if (i >= 7 && i % 3 == 0) {
                    y.append(", s").append(i - 7);
                }
                y.append("]\n");
            }
            switch (i % 5) {
                case 0 -> y.append("    command: { argv: [echo, \"{{ inventory_hostname }}\", \"").append(i).append("\"] }\n");
                case 1 -> y.append("    shell: { script: \"echo {{ version }} > /tmp/bench-").append(i).append("\" }\n")
                        .append("    register: r").append(i).append('\n');
                case 2 -> y.append("    debug: { msg: \"step ").append(i).append(" on {{ inventory_hostname }}\" }\n")
                        .append("    when: \"version != '0'\"\n");
                case 3 -> y.append("    command: { cmd: \"true\" }\n    serial: \"30%\"\n    tags: [roll]\n");
                default -> y.append("    command: { cmd: \"true\" }\n    run_once: true\n    timeout: 1m\n    retries: 2\n    delay: 2s\n")
                        .append("    undo:\n      command: { argv: [echo, undo, \"").append(i).append("\"] }\n");
            }
        }
        Files.writeString(file, y);
    }

    /** The same shape for ansible-playbook: one play over all hosts, one task per step. */
    static void playbook(Path file, Path inventory, int tasks, int hosts) throws IOException {
        StringBuilder ini = new StringBuilder("[all]\n");
        for (int h = 1; h <= hosts; h++) {
            ini.append('h').append(h).append(" ansible_host=127.0.11.").append(h % 250 + 1).append(" ansible_port=2222\n");
        }
        Files.writeString(inventory, ini);
        StringBuilder y = new StringBuilder("- name: bench\n  hosts: all\n  gather_facts: false\n  vars:\n    version: \"1.0\"\n  tasks:\n");
        for (int i = 0; i < tasks; i++) {
            y.append("    - name: Step ").append(i).append(" of the rollout\n");
            switch (i % 3) {
                case 0 -> y.append("      ansible.builtin.command: echo {{ inventory_hostname }} ").append(i).append('\n');
                case 1 -> y.append("      ansible.builtin.shell: echo {{ version }} > /tmp/bench-").append(i).append('\n');
                default -> y.append("      ansible.builtin.debug: { msg: \"step ").append(i).append("\" }\n")
                        .append("      when: version != '0'\n");
            }
        }
        Files.writeString(file, y);
    }
}
