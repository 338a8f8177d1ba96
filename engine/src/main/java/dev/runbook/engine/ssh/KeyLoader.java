package dev.runbook.engine.ssh;

import dev.runbook.engine.inventory.Host;
import dev.runbook.engine.transport.TransportException;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Loads a host's private keys (ed25519, RSA, ECDSA; OpenSSH or PEM format) and decrypts them at
 * once: sshj decrypts lazily, and a wrong passphrase would otherwise surface only as "exhausted
 * available authentication methods".
 */
final class KeyLoader {

    private static final List<String> DEFAULT_KEYS = List.of("id_ed25519", "id_ecdsa", "id_rsa");

    private KeyLoader() {
    }

    static List<KeyProvider> load(SSHClient client, Host host, SshOptions options) throws TransportException {
        List<Path> paths = new ArrayList<>();
        if (host.privateKey() != null) {
            paths.add(expandHome(host.privateKey()));
        } else {
            Path dir = Path.of(System.getProperty("user.home"), ".ssh");
            DEFAULT_KEYS.stream().map(dir::resolve).filter(Files::isReadable).forEach(paths::add);
            if (paths.isEmpty()) {
                throw new TransportException("no private key for " + host.name() + ": set private_key for the host (or in the inventory defaults),"
                        + " or put a key in " + dir + " (" + String.join(", ", DEFAULT_KEYS) + "); ssh-agent is not supported", true);
            }
        }
        List<KeyProvider> out = new ArrayList<>();
        for (Path p : paths) {
            out.add(loadOne(client, host, options, p));
        }
        return out;
    }

    private static KeyProvider loadOne(SSHClient client, Host host, SshOptions options, Path path) throws TransportException {
        if (!Files.isReadable(path)) {
            throw new TransportException("private key " + path + " of host " + host.name() + " does not exist or is not readable", true);
        }
        String envName = host.vars().get(SshOptions.PASSPHRASE_ENV_VAR) instanceof String s && !s.isBlank() ? s : null;
        SecretSource source = envName != null ? SecretSource.env(envName, options.env()) : options.keyPassphrase();
        Asker asker = new Asker(source, "passphrase for key " + path);
        KeyProvider kp;
        try {
            kp = client.loadKeys(path.toString(), asker);
            kp.getPrivate();
            return kp;
        } catch (IOException | RuntimeException e) {
            if (asker.asked && !asker.supplied) {
                throw new TransportException("private key " + path + " is encrypted and no passphrase was given: set host var "
                        + SshOptions.PASSPHRASE_ENV_VAR + " to the name of an environment variable holding it"
                        + (envName != null ? " (" + envName + " is not set)" : "") + ", or run interactively to be asked", true, e);
            }
            if (asker.asked) {
                throw new TransportException("wrong passphrase for private key " + path
                        + (envName != null ? " (taken from environment variable " + envName + ")" : ""), true, e);
            }
            throw new TransportException("cannot read private key " + path + ": " + e.getMessage()
                    + " (supported: ed25519, RSA, ECDSA in OpenSSH or PEM format)", true, e);
        }
    }

    private static Path expandHome(String p) {
        if (p.equals("~") || p.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + p.substring(1));
        }
        return Path.of(p);
    }

    /** Hands sshj the passphrase once, remembering whether one was needed and given. */
    private static final class Asker implements PasswordFinder {
        private final SecretSource source;
        private final String what;
        private boolean asked;
        private boolean supplied;

        Asker(SecretSource source, String what) {
            this.source = source;
            this.what = what;
        }

        @Override
        public char[] reqPassword(Resource<?> resource) {
            asked = true;
            Optional<char[]> pw = source.get(what);
            supplied = pw.isPresent();
            return pw.orElse(null);
        }

        @Override
        public boolean shouldRetry(Resource<?> resource) {
            return false;
        }
    }
}
