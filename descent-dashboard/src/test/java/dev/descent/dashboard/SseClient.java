package dev.descent.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A server-sent event stream of {@code /api/events}, read by a background thread into a queue, one {@link Event} per
 * event (its name, its data, and when it arrived).
 */
final class SseClient implements AutoCloseable {
    record Event(String name, String data, long arrivedNanos) {
        JsonNode json() {
            return TestHttp.json(data);
        }

        @Override
        public String toString() {
            return name + ": " + (data.length() > 3000 ? data.substring(0, 3000) + "..." : data);
        }
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<Event> seen = new ArrayList<>();
    private final HttpResponse<InputStream> response;
    private final Thread reader;
    private volatile boolean ended;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens {@code /api/events?run=id&run=id…}. */
    static SseClient open(Dashboard dashboard, String... runIds) throws Exception {
        StringBuilder query = new StringBuilder();
        for (String id : runIds) {
            query.append(query.length() == 0 ? "?" : "&").append("run=").append(TestHttp.q(id));
        }
        HttpRequest request = HttpRequest.newBuilder(TestHttp.at(dashboard, "/api/events" + query)).GET().build();
        HttpResponse<InputStream> response = TestHttp.CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
            throw new AssertionError("/api/events answered " + response.statusCode() + ": " + body);
        }
        return new SseClient(response);
    }

    HttpResponse<InputStream> response() {
        return response;
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String name = null;
            StringBuilder data = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(name == null ? "message" : name, data.toString(), System.nanoTime()));
                    }
                    name = null;
                    data = null;
                } else if (line.startsWith("event:")) {
                    name = line.substring("event:".length()).trim();
                } else if (line.startsWith("data:")) {
                    String value = line.substring("data:".length());
                    value = value.startsWith(" ") ? value.substring(1) : value;
                    data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                }
                // "retry:" and ": keep-alive" comments carry no event
            }
        } catch (IOException e) {
            // closed
        } finally {
            ended = true;
        }
    }

    /** Whether the server ended the stream. */
    boolean ended() {
        return ended;
    }

    /** The next event that matches, skipping others; fails, listing what came, when none does within {@code within}. */
    Event await(Duration within, Predicate<Event> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Event event = left <= 0 ? events.poll() : events.poll(left, TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("no matching event within " + within + "; received: " + seen);
            }
            seen.add(event);
            if (wanted.test(event)) {
                return event;
            }
        }
    }

    Event await(Duration within, String name) throws InterruptedException {
        return await(within, e -> e.name().equals(name));
    }

    /** Waits until the stream ends (the server closed it). */
    boolean awaitEnd(Duration within) throws InterruptedException {
        reader.join(within.toMillis());
        return ended;
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // already closed
        }
    }
}
