package dev.runbook.modules.ops;

import dev.runbook.engine.module.ModuleContext;
import dev.runbook.modules.support.Poller;
import dev.runbook.modules.support.Texts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * The post-reload check of the load-balancer modules: polls a URL <em>from the control machine</em>
 * until its status satisfies the expectation (a graceful reload finishes asynchronously, so the first
 * answers may still come from the old configuration) or the deadline passes. Waits through the
 * shared {@link Poller}, as the http module does: the step's timeout, when shorter, is the deadline,
 * and an operator's interrupt ends the wait.
 */
public final class HttpCheck {

    private static final int STREAK = 5;

    private HttpCheck() {
    }

    /** @return empty when the expectation was met, else what was last observed */
    public static Optional<String> await(ModuleContext ctx, String url, IntPredicate expected, String expectation, Duration timeout)
            throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Poller poller = new Poller(ctx, timeout);
        String last = "no answer";
        int streak = 0;
        do {
            Duration pause = Duration.ofMillis(250);
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                        .header("Cache-Control", "no-cache").GET().build(), HttpResponse.BodyHandlers.discarding());
                last = "HTTP " + r.statusCode();
                // Old workers may still accept for a moment after a graceful reload: require a
                // run of consecutive expected answers, not a single lucky one.
                streak = expected.test(r.statusCode()) ? streak + 1 : 0;
                if (streak >= STREAK) {
                    return Optional.empty();
                }
                if (streak > 0) {
                    pause = Duration.ofMillis(150);
                }
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            if (!poller.sleep(pause)) {
                return Optional.of("interrupted while checking " + url + " for " + expectation + " (last: " + last + ")");
            }
        } while (!poller.expired());
        return Optional.of("check_url " + url + " expected " + expectation + " within " + Texts.human(poller.limit())
                + " but got " + last);
    }
}
