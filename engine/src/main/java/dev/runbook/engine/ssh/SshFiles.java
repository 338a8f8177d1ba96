package dev.runbook.engine.ssh;

import dev.runbook.engine.local.StreamCollector;
import dev.runbook.engine.transport.Become;
import dev.runbook.engine.transport.ExecRequest;
import dev.runbook.engine.transport.ExecResult;
import dev.runbook.engine.transport.FileAttrs;
import dev.runbook.engine.transport.FileInfo;
import dev.runbook.engine.transport.TransportException;
import net.schmizz.sshj.sftp.FileAttributes;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.RenameFlags;
import net.schmizz.sshj.sftp.SFTPClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.UUID;

/**
 * File operations of {@link SshTransport}.
 *
 * <p>Without become, writes go over SFTP: a private temp file (0600) in the target's directory, then
 * mode and owner, then {@code posix-rename@openssh.com} over the target, so a reader sees the old or
 * the new file, never a partial one. With become, the content is streamed on the stdin of a sudo'd
 * shell that writes a temp file beside the target and {@code mv}s it into place (same atomicity).
 * Streaming over stdin instead of staging a copy in the login user's home works for any become
 * user (a 0600 file of {@code deploy} is unreadable for {@code postgres}) and leaves no copy of the
 * content behind if the run dies midway.
 */
final class SshFiles {

    private static final String PUT_SCRIPT = "set -e; d=$(dirname -- \"$1\"); t=$(mktemp \"$d/.rb-put.XXXXXX\"); "
            + "trap 'rm -f \"$t\"' EXIT; cat > \"$t\"; "
            + "if [ -n \"$4\" ]; then chmod \"$4\" \"$t\"; elif [ -e \"$1\" ]; then chmod --reference=\"$1\" \"$t\"; else chmod 0644 \"$t\"; fi; "
            + "if [ -n \"$2\" ]; then chown \"$2\" \"$t\"; fi; if [ -n \"$3\" ]; then chgrp \"$3\" \"$t\"; fi; "
            + "mv -f -- \"$t\" \"$1\"; trap - EXIT";
    private static final String READ_SCRIPT = "[ -e \"$1\" ] || exit 3; base64 -w0 -- \"$1\"";
    private static final String STAT_SCRIPT = "[ -e \"$1\" ] || exit 3; stat -L -c '%F|%s|%a|%U|%G' -- \"$1\"";

    private static final int CHUNK = 32 * 1024;

    private final SshTransport transport;

    SshFiles(SshTransport transport) {
        this.transport = transport;
    }

    void put(String path, byte[] content, FileAttrs attrs, Become become) throws TransportException, InterruptedException {
        if (become != null) {
            String mode = attrs.mode() == null ? "" : String.format("%04o", attrs.mode());
            ExecResult r = transport.exec(ExecRequest.argv("/bin/sh", "-c", PUT_SCRIPT, "sh", path, nz(attrs.owner()), nz(attrs.group()), mode)
                    .withStdin(content).withBecome(become));
            if (!r.ok()) {
                throw new TransportException("cannot write " + path + " on " + transport.hostName() + " as " + become.user() + ": "
                        + r.stderr().strip(), false);
            }
            return;
        }
        SFTPClient sftp = sftp();
        int slash = path.lastIndexOf('/');
        String dir = slash < 0 ? "." : slash == 0 ? "/" : path.substring(0, slash);
        String tmp = (dir.endsWith("/") ? dir : dir + "/") + "." + path.substring(slash + 1) + ".rb-" + UUID.randomUUID() + ".tmp";
        boolean placed = false;
        try {
            int mode;
            if (attrs.mode() != null) {
                mode = attrs.mode();
            } else {
                FileAttributes existing = sftp.statExistence(path);
                mode = existing == null ? 0644 : existing.getMode().getPermissionsMask() & 07777;
            }
            FileAttributes initial = new FileAttributes.Builder().withPermissions(0600).build();
            try (RemoteFile f = sftp.open(tmp, EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.EXCL), initial);
                 OutputStream o = f.new RemoteFileOutputStream(0, 16)) {
                // OpenSSH's sftp-server drops the channel on a message over 256 KiB: write in chunks.
                for (int off = 0; off < content.length; off += CHUNK) {
                    o.write(content, off, Math.min(CHUNK, content.length - off));
                }
            }
            sftp.chmod(tmp, mode);
            if (attrs.owner() != null || attrs.group() != null) {
                chown(tmp, attrs);
            }
            sftp.rename(tmp, path, EnumSet.of(RenameFlags.OVERWRITE));
            placed = true;
        } catch (IOException e) {
            sftpFailed(e);
            throw new TransportException("cannot write " + path + " on " + transport.hostName() + ": " + e.getMessage(), false, e);
        } finally {
            if (!placed) {
                removeQuietly(sftp, tmp);
            }
        }
    }

    private void chown(String tmp, FileAttrs attrs) throws TransportException, InterruptedException {
        String spec = nz(attrs.owner()) + (attrs.group() != null ? ":" + attrs.group() : "");
        ExecResult r = transport.exec(ExecRequest.argv("chown", "--", spec, tmp));
        if (!r.ok()) {
            throw new TransportException("cannot set owner " + spec + " as " + transport.host().user() + " on " + transport.hostName()
                    + ": " + r.stderr().strip() + " (use become to change ownership)", false);
        }
    }

    Optional<byte[]> read(String path, Become become) throws TransportException, InterruptedException {
        if (become != null) {
            ExecResult r = transport.exec(ExecRequest.argv("/bin/sh", "-c", READ_SCRIPT, "sh", path).withBecome(become));
            if (r.exitCode() == 3) {
                return Optional.empty();
            }
            if (!r.ok()) {
                throw new TransportException("cannot read " + path + " on " + transport.hostName() + " as " + become.user() + ": "
                        + r.stderr().strip(), false);
            }
            if (r.stdout().length() >= StreamCollector.CAP) {
                throw new TransportException("cannot read " + path + " on " + transport.hostName() + " with become: it is larger than "
                        + (StreamCollector.CAP / 4 * 3 / (1024 * 1024)) + " MiB", false);
            }
            return Optional.of(Base64.getDecoder().decode(r.stdout().strip()));
        }
        SFTPClient sftp = sftp();
        try {
            if (sftp.statExistence(path) == null) {
                return Optional.empty();
            }
            try (RemoteFile f = sftp.open(path, EnumSet.of(OpenMode.READ));
                 InputStream in = f.new ReadAheadRemoteFileInputStream(16)) {
                return Optional.of(in.readAllBytes());
            }
        } catch (IOException e) {
            sftpFailed(e);
            throw new TransportException("cannot read " + path + " on " + transport.hostName() + ": " + e.getMessage(), false, e);
        }
    }

    Optional<FileInfo> stat(String path, Become become) throws TransportException, InterruptedException {
        ExecResult r = transport.exec(ExecRequest.argv("/bin/sh", "-c", STAT_SCRIPT, "sh", path).withBecome(become));
        if (r.exitCode() == 3) {
            return Optional.empty();
        }
        String[] f = r.stdout().strip().split("\\|", -1);
        if (!r.ok() || f.length != 5) {
            throw new TransportException("cannot stat " + path + " on " + transport.hostName() + ": " + r.stderr().strip(), false);
        }
        return Optional.of(new FileInfo(path, f[0].equals("directory"), Long.parseLong(f[1]), Integer.parseInt(f[2], 8) & 0777, f[3], f[4]));
    }

    private SFTPClient sftp() throws TransportException {
        try {
            return transport.connection().sftp();
        } catch (IOException e) {
            throw new TransportException("cannot start SFTP on " + transport.hostName() + ": " + e.getMessage(), true, e);
        }
    }

    /** A broken SFTP channel is dropped so the next file operation opens a fresh one. */
    private void sftpFailed(IOException e) throws TransportException {
        if (!(e instanceof net.schmizz.sshj.sftp.SFTPException se) || se.getStatusCode() == net.schmizz.sshj.sftp.Response.StatusCode.UNKNOWN) {
            transport.connection().dropSftp();
        }
    }

    private static void removeQuietly(SFTPClient sftp, String tmp) {
        try {
            if (sftp.statExistence(tmp) != null) {
                sftp.rm(tmp);
            }
        } catch (IOException e) {
            // Best effort: the original failure is what the caller must see.
            return;
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

}
