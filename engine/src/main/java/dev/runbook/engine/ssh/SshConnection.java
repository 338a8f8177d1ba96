package dev.runbook.engine.ssh;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.SFTPClient;

import java.io.IOException;
import java.util.concurrent.Semaphore;

/**
 * One authenticated SSH connection to a host, shared by every command of the run on that host.
 * Concurrent command channels are bounded by a semaphore (OpenSSH refuses more than MaxSessions,
 * default 10, per connection); one SFTP channel is opened lazily and shared.
 */
final class SshConnection implements AutoCloseable {

    private final String hostName;
    private final SSHClient client;
    private final Semaphore channels;
    private SFTPClient sftp;

    SshConnection(String hostName, SSHClient client, int maxChannels) {
        this.hostName = hostName;
        this.client = client;
        this.channels = new Semaphore(maxChannels, true);
    }

    String hostName() {
        return hostName;
    }

    SSHClient client() {
        return client;
    }

    Semaphore channels() {
        return channels;
    }

    boolean isUsable() {
        return client.isConnected() && client.isAuthenticated();
    }

    synchronized SFTPClient sftp() throws IOException {
        if (sftp == null) {
            sftp = client.newSFTPClient();
        }
        return sftp;
    }

    /** Forgets a broken SFTP channel; the next {@link #sftp()} opens a new one. */
    synchronized void dropSftp() {
        SFTPClient old = sftp;
        sftp = null;
        if (old != null) {
            try {
                old.close();
            } catch (IOException e) {
                // It was broken already; that is why it is dropped.
                return;
            }
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (sftp != null) {
                sftp.close();
            }
        } catch (IOException e) {
            // The connection is going away anyway; the SFTP channel dies with it.
            sftp = null;
        }
        try {
            client.disconnect();
        } catch (IOException e) {
            // Disconnect errors (peer already gone) change nothing for the caller.
            return;
        }
    }
}
