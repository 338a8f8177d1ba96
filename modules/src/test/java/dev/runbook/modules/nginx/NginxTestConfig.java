package dev.runbook.modules.nginx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The main nginx.conf of a test's own Nginx: everything under the test's directory, including site.conf. */
final class NginxTestConfig {

    private NginxTestConfig() {
    }

    static void writeMain(Path dir, Path conf) throws IOException {
        Files.createDirectories(dir.resolve("tmp"));
        Files.writeString(conf, """
                user root;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                events { worker_connections 256; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/tmp/body;
                    proxy_temp_path %1$s/tmp/proxy;
                    fastcgi_temp_path %1$s/tmp/fastcgi;
                    uwsgi_temp_path %1$s/tmp/uwsgi;
                    scgi_temp_path %1$s/tmp/scgi;
                    include %1$s/site.conf;
                }
                """.formatted(dir));
    }
}
