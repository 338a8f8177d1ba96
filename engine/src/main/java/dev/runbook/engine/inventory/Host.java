package dev.runbook.engine.inventory;

import dev.runbook.engine.source.SourcePos;

import java.util.Map;

/**
 * One inventory host.
 *
 * @param name       inventory name (what patterns and output use)
 * @param address    where to connect (DNS name or IP); for local hosts, informational
 * @param port       SSH port
 * @param user       SSH login
 * @param privateKey path of the private key file, or null (default keys / agent)
 * @param connection how to reach it
 * @param jump       name of another inventory host to use as SSH jump host (bastion), or null
 * @param vars       host variables merged from groups (group vars, then host vars), in precedence order
 * @param pos        where the host is defined
 */
public record Host(String name, String address, int port, String user, String privateKey,
                   Connection connection, String jump, Map<String, Object> vars, SourcePos pos) {

    public enum Connection { SSH, LOCAL }

    public Host {
        vars = vars == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
    }

    public static Host local(String name) {
        return new Host(name, "localhost", 0, System.getProperty("user.name"), null, Connection.LOCAL, null, Map.of(), SourcePos.UNKNOWN);
    }
}
