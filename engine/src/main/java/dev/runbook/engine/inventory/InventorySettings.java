package dev.runbook.engine.inventory;

/**
 * Inventory-wide settings (the {@code settings:} block of a runbook inventory).
 *
 * @param knownHosts   known_hosts file for host-key checking, or null for {@code ~/.ssh/known_hosts}
 * @param lockHost     inventory host that holds the cluster lock, or null (first host of the run)
 * @param lockPath     directory of the lock on that host
 * @param requireClean refuse to run when the runbook, its includes or the inventory have uncommitted changes
 */
public record InventorySettings(String knownHosts, String lockHost, String lockPath, boolean requireClean) {

    public static final InventorySettings DEFAULTS = new InventorySettings(null, null, "/tmp/runbook-lock", false);
}
