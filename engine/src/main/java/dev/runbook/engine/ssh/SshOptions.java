package dev.runbook.engine.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * How SSH connections are made.
 *
 * @param knownHosts          known_hosts file; null = the inventory's {@code settings.known_hosts}, else ~/.ssh/known_hosts
 * @param acceptNewHostKeys   trust a host whose key is not yet in known_hosts and append it there
 *                            (a key that CHANGED is still refused)
 * @param connectTimeout      TCP connect and SSH handshake limit
 * @param keepAlive           keep-alive interval (detects dead connections during long commands)
 * @param maxChannels         concurrent commands per connection; OpenSSH allows 10 sessions per connection
 *                            by default (MaxSessions) and one is kept for SFTP
 * @param keyPassphrase       asked for a key passphrase when the host has no {@code private_key_passphrase_env}
 * @param becomePassword      the sudo password when the host has no {@code become_password_env}; when it
 *                            gives nothing, sudo runs with {@code -n} (passwordless sudo expected);
 *                            null = environment variable {@value #BECOME_PASSWORD_ENV}
 * @param env                 environment lookup (System::getenv; replaceable in tests)
 * @param notices             receives operator notices, e.g. "added host key to known_hosts"
 */
public record SshOptions(Path knownHosts, boolean acceptNewHostKeys, Duration connectTimeout, Duration keepAlive,
                         int maxChannels, SecretSource keyPassphrase, SecretSource becomePassword,
                         Function<String, String> env, Consumer<String> notices) {

    /** Environment variable read for the sudo password when nothing else supplies one. */
    public static final String BECOME_PASSWORD_ENV = "RUNBOOK_BECOME_PASSWORD";
    /** Host variable naming the environment variable that holds the host's key passphrase. */
    public static final String PASSPHRASE_ENV_VAR = "private_key_passphrase_env";
    /** Host variable naming the environment variable that holds the host's sudo password. */
    public static final String BECOME_PASSWORD_ENV_VAR = "become_password_env";

    public SshOptions {
        if (maxChannels < 1 || maxChannels > 9) {
            throw new IllegalArgumentException("maxChannels must be 1..9 (OpenSSH allows 10 sessions per connection, one is for SFTP), got " + maxChannels);
        }
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        keepAlive = keepAlive == null ? Duration.ofSeconds(15) : keepAlive;
        env = env == null ? System::getenv : env;
        keyPassphrase = keyPassphrase == null ? SecretSource.none() : keyPassphrase;
        notices = notices == null ? System.err::println : notices;
    }

    /** The sudo password source in effect (see {@code becomePassword}). */
    public SecretSource becomePasswordSource() {
        return becomePassword != null ? becomePassword : SecretSource.env(BECOME_PASSWORD_ENV, env);
    }

    public static SshOptions defaults() {
        return new SshOptions(null, false, null, null, 8, null, null, null, null);
    }

    public SshOptions withKnownHosts(Path knownHosts) {
        return new SshOptions(knownHosts, acceptNewHostKeys, connectTimeout, keepAlive, maxChannels, keyPassphrase, becomePassword, env, notices);
    }

    public SshOptions withAcceptNewHostKeys(boolean accept) {
        return new SshOptions(knownHosts, accept, connectTimeout, keepAlive, maxChannels, keyPassphrase, becomePassword, env, notices);
    }

    public SshOptions withConnectTimeout(Duration timeout) {
        return new SshOptions(knownHosts, acceptNewHostKeys, timeout, keepAlive, maxChannels, keyPassphrase, becomePassword, env, notices);
    }

    public SshOptions withKeepAlive(Duration interval) {
        return new SshOptions(knownHosts, acceptNewHostKeys, connectTimeout, interval, maxChannels, keyPassphrase, becomePassword, env, notices);
    }

    public SshOptions withMaxChannels(int max) {
        return new SshOptions(knownHosts, acceptNewHostKeys, connectTimeout, keepAlive, max, keyPassphrase, becomePassword, env, notices);
    }

    public SshOptions withKeyPassphrase(SecretSource source) {
        return new SshOptions(knownHosts, acceptNewHostKeys, connectTimeout, keepAlive, maxChannels, source, becomePassword, env, notices);
    }

    public SshOptions withBecomePassword(SecretSource source) {
        return new SshOptions(knownHosts, acceptNewHostKeys, connectTimeout, keepAlive, maxChannels, keyPassphrase, source, env, notices);
    }

    public SshOptions withEnv(Function<String, String> env) {
        return new SshOptions(knownHosts, acceptNewHostKeys, connectTimeout, keepAlive, maxChannels, keyPassphrase,
                becomePassword, env, notices);
    }

    public SshOptions withNotices(Consumer<String> notices) {
        return new SshOptions(knownHosts, acceptNewHostKeys, connectTimeout, keepAlive, maxChannels, keyPassphrase, becomePassword, env, notices);
    }
}
