package dev.runbook.engine.ssh;

import dev.runbook.engine.inventory.Host;
import dev.runbook.engine.source.SourcePos;
import dev.runbook.engine.transport.ExecRequest;
import dev.runbook.engine.transport.ExecResult;
import dev.runbook.engine.transport.TransportException;
import dev.runbook.lab.junit.Lab;
import dev.runbook.lab.junit.LabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Host-key checking, authentication with each key kind, unreachable hosts, jump hosts. */
@ExtendWith(LabExtension.class)
class SshConnectTest {

    @TempDir
    Path tmp;

    private static ExecResult run(Lab lab, Host host, SshOptions options, String... argv) throws Exception {
        try (TransportFactory f = new TransportFactory(LabTargets.inventory(lab, host), options)) {
            return f.open(host).exec(ExecRequest.argv(argv));
        }
    }

    private static List<String> knownLines(Lab lab, String address) throws Exception {
        return Files.readAllLines(lab.knownHosts()).stream().filter(l -> l.startsWith("[" + address + "]:2222 ")).toList();
    }

    @Test
    void aChangedHostKeyIsRefusedBeforeAnythingRuns(Lab lab) throws Exception {
        // app1's address with db1's ed25519 key: what a man in the middle would look like.
        String dbKey = knownLines(lab, lab.address("db1")).stream().filter(l -> l.contains(" ssh-ed25519 ")).findFirst().orElseThrow();
        Path kh = tmp.resolve("known_hosts");
        Files.writeString(kh, dbKey.replace("[" + lab.address("db1") + "]", "[" + lab.address("app1") + "]") + "\n");
        Path marker = Path.of("/tmp/rb-ssh-should-not-exist-" + UUID.randomUUID());
        TransportException e = assertThrows(TransportException.class,
                () -> run(lab, LabTargets.host(lab, "app1"), SshOptions.defaults().withKnownHosts(kh), "touch", marker.toString()));
        assertTrue(e.unreachable());
        assertTrue(e.getMessage().startsWith("HOST KEY CHANGED for app1 ([127.0.10.11]:2222)"), e.getMessage());
        assertTrue(e.getMessage().contains("ssh-ed25519 SHA256:"), e.getMessage());
        assertTrue(e.getMessage().contains("ssh-keygen -R"), e.getMessage());
        assertFalse(Files.exists(marker));
    }

    @Test
    void anUnknownHostIsRefusedWithItsFingerprintAndWhatToDo(Lab lab) throws Exception {
        Path kh = tmp.resolve("known_hosts");
        Files.writeString(kh, "");
        TransportException e = assertThrows(TransportException.class,
                () -> run(lab, LabTargets.host(lab, "app2"), SshOptions.defaults().withKnownHosts(kh), "true"));
        assertTrue(e.unreachable());
        assertTrue(e.getMessage().contains("host key of app2 ([127.0.10.12]:2222) is not in " + kh), e.getMessage());
        assertTrue(e.getMessage().contains("SHA256:"), e.getMessage());
        assertTrue(e.getMessage().contains("ssh-keyscan -p 2222 127.0.10.12"), e.getMessage());
        assertEquals("", Files.readString(kh));
    }

    @Test
    void acceptingNewHostKeysRecordsThemAndSaysSo(Lab lab) throws Exception {
        Path kh = tmp.resolve("known_hosts");
        List<String> notices = new ArrayList<>();
        SshOptions accept = SshOptions.defaults().withKnownHosts(kh).withAcceptNewHostKeys(true).withNotices(notices::add);
        assertEquals("db1\n", run(lab, LabTargets.host(lab, "db1"), accept, "echo", "db1").stdout());
        assertEquals(1, notices.size());
        assertTrue(notices.get(0).startsWith("Added the host key of db1 ([127.0.10.20]:2222"), notices.get(0));
        String recorded = Files.readString(kh);
        assertTrue(recorded.startsWith("[127.0.10.20]:2222 "), recorded);
        // The recorded key is the real one: strict checking now accepts the host.
        assertTrue(run(lab, LabTargets.host(lab, "db1"), SshOptions.defaults().withKnownHosts(kh), "true").ok());
    }

    @Test
    void anRsaOnlyKnownHostsEntryStillConnectsWithSha2Signatures(Lab lab) throws Exception {
        Path kh = tmp.resolve("known_hosts");
        Files.write(kh, knownLines(lab, lab.address("lb1")).stream().filter(l -> l.contains(" ssh-rsa ")).toList());
        assertTrue(run(lab, LabTargets.host(lab, "lb1"), SshOptions.defaults().withKnownHosts(kh), "true").ok());
    }

    @Test
    void aHostWithNothingListeningIsUnreachable(Lab lab) {
        Host nowhere = new Host("ghost", "127.0.12.99", 2222, "deploy", lab.clientKey().toString(), Host.Connection.SSH, null, Map.of(),
                SourcePos.UNKNOWN);
        TransportException e = assertThrows(TransportException.class,
                () -> run(lab, nowhere, SshOptions.defaults().withConnectTimeout(Duration.ofSeconds(3)), "true"));
        assertTrue(e.unreachable());
        assertTrue(e.getMessage().startsWith("cannot connect to ghost (127.0.12.99:2222): connection refused"), e.getMessage());
    }

    @Test
    void rsaEcdsaAndPemKeysAuthenticate(Lab lab) throws Exception {
        for (String key : List.of("id_rsa", "id_rsa_pem", "id_ecdsa", "id_ed25519")) {
            Host h = LabTargets.host(lab, "lb1", lab.clientKey(key), null, Map.of());
            assertEquals("deploy\n", run(lab, h, SshOptions.defaults(), "whoami").stdout(), key);
        }
    }

    @Test
    void anEncryptedKeyNeedsTheRightPassphrase(Lab lab) throws Exception {
        String pass = Files.readString(lab.clientKey("id_ed25519_enc.passphrase")).strip();
        Host h = LabTargets.host(lab, "lb1", lab.clientKey("id_ed25519_enc"), null, Map.of(SshOptions.PASSPHRASE_ENV_VAR, "LAB_KEY_PASS"));

        assertTrue(run(lab, h, SshOptions.defaults().withEnv(Map.of("LAB_KEY_PASS", pass)::get), "true").ok());

        TransportException wrong = assertThrows(TransportException.class,
                () -> run(lab, h, SshOptions.defaults().withEnv(Map.of("LAB_KEY_PASS", "not-it")::get), "true"));
        assertTrue(wrong.getMessage().startsWith("wrong passphrase for private key " + lab.clientKey("id_ed25519_enc")), wrong.getMessage());
        assertFalse(wrong.getMessage().contains("not-it"));

        TransportException none = assertThrows(TransportException.class,
                () -> run(lab, h, SshOptions.defaults().withEnv(Map.<String, String>of()::get), "true"));
        assertTrue(none.getMessage().contains("is encrypted and no passphrase was given"), none.getMessage());
        assertTrue(none.getMessage().contains("LAB_KEY_PASS is not set"), none.getMessage());

        // Without a host var, the prompt callback is asked.
        Host prompted = LabTargets.host(lab, "lb1", lab.clientKey("id_ed25519_enc"), null, Map.of());
        List<String> asked = new ArrayList<>();
        SshOptions withPrompt = SshOptions.defaults().withKeyPassphrase(what -> {
            asked.add(what);
            return java.util.Optional.of(pass.toCharArray());
        });
        assertTrue(run(lab, prompted, withPrompt, "true").ok());
        assertEquals(List.of("passphrase for key " + lab.clientKey("id_ed25519_enc")), asked);
    }

    @Test
    void aJumpHostCarriesTheConnection(Lab lab) throws Exception {
        Host lb1 = LabTargets.host(lab, "lb1");
        Host app2 = LabTargets.host(lab, "app2", lab.clientKey(), "lb1", Map.of());
        try (TransportFactory f = new TransportFactory(LabTargets.inventory(lab, lb1, app2), SshOptions.defaults())) {
            int directBefore = LabTargets.connectionsFromThisJvm(lab.address("app2"));
            ExecResult r = f.open(app2).exec(ExecRequest.shell("echo $SSH_CONNECTION"));
            assertTrue(r.ok(), r.stderr());
            // sshd on app2 sees the session arrive at its own address...
            assertTrue(r.stdout().strip().endsWith(lab.address("app2") + " 2222"), r.stdout());
            // ...but this JVM never opened a TCP connection to app2: only to lb1.
            assertEquals(directBefore, LabTargets.connectionsFromThisJvm(lab.address("app2")));
            assertTrue(LabTargets.connectionsFromThisJvm(lab.address("lb1")) >= 1);
        }
    }

    @Test
    void aMissingJumpHostIsReported(Lab lab) {
        Host app2 = LabTargets.host(lab, "app2", lab.clientKey(), "bastion", Map.of());
        TransportException e = assertThrows(TransportException.class, () -> run(lab, app2, SshOptions.defaults(), "true"));
        assertEquals("jump host bastion of app2 is not in the inventory", e.getMessage());
    }
}
