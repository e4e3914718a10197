package dev.descent.dashboard;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The open pages' server-sent event streams ({@code /api/events}). Each stream gets the runs list
 * at once and again whenever it changes ({@code event: runs}), the new rows of the runs it asked
 * for ({@code event: rows}, with the index of the first so a page can tell a gap), and a
 * {@code reset} when a run's files were rewritten or removed. Events are queued per stream; a
 * page too slow to take {@value #QUEUE} of them is dropped, and its browser reconnects and reloads.
 */
final class EventHub implements RunCatalog.Listener {
    static final int QUEUE = 1_000;
    static final int MAX_STREAMS = 256;
    static final long KEEP_ALIVE_SECONDS = 15;
    private static final String CLOSE = "";

    private final CopyOnWriteArrayList<Stream> streams = new CopyOnWriteArrayList<>();
    private RunCatalog catalog;

    void catalog(RunCatalog catalog) {
        this.catalog = catalog;
    }

    private static final class Stream {
        final Set<String> runs;
        final BlockingQueue<String> events = new ArrayBlockingQueue<>(QUEUE);

        Stream(Set<String> runs) {
            this.runs = runs;
        }

        void offer(String event, List<Stream> all) {
            if (!events.offer(event)) {
                all.remove(this);
                events.clear();
                events.offer(CLOSE);
            }
        }
    }

    int openStreams() {
        return streams.size();
    }

    /** Serves one stream until the page goes away or the server stops; runs on its request's thread. */
    void serve(HttpExchange exchange, Set<String> runs) throws IOException {
        if (streams.size() >= MAX_STREAMS) {
            Responses.jsonError(exchange, 503, "too many open dashboard pages (" + MAX_STREAMS + "); close some");
            return;
        }
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
            return;
        }
        Stream stream = new Stream(runs);
        streams.add(stream);
        try {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            write(out, "retry: 1000\n\n" + runsEvent());
            while (true) {
                String event = stream.events.poll(KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
                if (CLOSE.equals(event)) {
                    break;
                }
                write(out, event == null ? ": keep-alive\n\n" : event);
            }
        } catch (IOException | InterruptedException e) {
            // the page closed (a write fails) or the server stops
        } finally {
            streams.remove(stream);
            exchange.close();
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Ends every stream (the server is stopping). */
    void closeAll() {
        for (Stream stream : streams) {
            stream.events.clear();
            stream.events.offer(CLOSE);
        }
    }

    private String runsEvent() {
        return event("runs", Json.write(Map.of("runs", catalog.summaries(), "reports", catalog.reports())));
    }

    static String event(String name, String json) {
        return "event: " + name + "\ndata: " + json + "\n\n"; // JSON has no raw newline: one data line
    }

    @Override
    public void runsChanged() {
        if (streams.isEmpty()) {
            return;
        }
        String event = runsEvent();
        for (Stream stream : streams) {
            stream.offer(event, streams);
        }
    }

    @Override
    public void rowsAdded(WatchedRun run, String file, int from, List<double[]> rows) {
        String event = null;
        for (Stream stream : streams) {
            if (stream.runs.contains(run.id())) {
                if (event == null) {
                    event = event("rows", Json.write(Map.of("id", run.id(), "file", file, "from", from,
                            "rows", WatchedRun.rows(rows))));
                }
                stream.offer(event, streams);
            }
        }
    }

    @Override
    public void restarted(String runId) {
        String event = event("reset", Json.write(Map.of("id", runId)));
        for (Stream stream : streams) {
            if (stream.runs.contains(runId)) {
                stream.offer(event, streams);
            }
        }
    }
}
