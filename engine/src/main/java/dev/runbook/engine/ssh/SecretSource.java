package dev.runbook.engine.ssh;

import java.util.Optional;
import java.util.function.Function;

/**
 * Supplies a secret (a key passphrase, a sudo password) when one is needed, e.g. from an
 * environment variable or by asking the operator. The argument says what is asked for, for a prompt;
 * it never contains a secret.
 */
@FunctionalInterface
public interface SecretSource {

    Optional<char[]> get(String what);

    static SecretSource none() {
        return what -> Optional.empty();
    }

    /** The value of environment variable {@code name} (looked up through {@code env}), if set and not empty. */
    static SecretSource env(String name, Function<String, String> env) {
        return what -> Optional.ofNullable(env.apply(name)).filter(v -> !v.isEmpty()).map(String::toCharArray);
    }

    /** This source, or {@code other} when this one has nothing. */
    default SecretSource orElse(SecretSource other) {
        return what -> {
            Optional<char[]> v = get(what);
            return v.isPresent() ? v : other.get(what);
        };
    }
}
