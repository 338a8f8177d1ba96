package dev.runbook.lab.junit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(LabExtension.class)
class LabExtensionTest {

    @Test
    void everyHostRunsItsOwnSshdAndIsInTheInventoryAndKnownHosts(Lab lab) throws IOException {
        String inventory = Files.readString(lab.inventory());
        String knownHosts = Files.readString(lab.knownHosts());
        for (var e : lab.hosts().entrySet()) {
            assertEquals("SSH-2.0", banner(e.getValue()).substring(0, 7), e.getKey());
            assertTrue(inventory.contains(e.getKey() + ":"), "inventory lists " + e.getKey());
            for (String type : new String[]{"ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256"}) {
                assertTrue(knownHosts.contains("[" + e.getValue() + "]:2222 " + type + " "), e.getKey() + " " + type);
            }
        }
        assertTrue(Files.isReadable(lab.clientKey()));
    }

    @Test
    void extraHostsAnswerOnTheirAddresses() throws IOException {
        LabHosts.Extra extra = LabHosts.extra(3);
        assertEquals(3, extra.addresses().size());
        for (String a : extra.addresses()) {
            assertEquals("SSH-2.0", banner(a).substring(0, 7), a);
        }
        String inv = Files.readString(extra.inventory());
        assertTrue(inv.contains("h3: { address: 127.0.11.3 }"), inv);
    }

    private static String banner(String address) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, Lab.SSH_PORT), 2000);
            s.setSoTimeout(5000);
            InputStream in = s.getInputStream();
            byte[] buf = new byte[64];
            int n = in.read(buf);
            return new String(buf, 0, Math.max(n, 0), StandardCharsets.US_ASCII);
        }
    }
}
