package dev.descent.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live dashboard of the runs under some directories, served over HTTP until {@link #close}.
 *
 * <p>The server is the JDK's own {@code com.sun.net.httpserver}: the dashboard answers a handful of
 * GET routes and streams server-sent events, which it does well, and it adds no dependency (a web
 * framework on Jetty would add a dozen jars to a tool whose point is a small dependency tree).
 * Nothing it serves changes a file: every route is GET or HEAD, others are refused with 405.
 *
 * <pre>{@code
 * try (Dashboard dashboard = Dashboard.start(List.of(Path.of("runs")), "127.0.0.1", 6006)) {
 *     System.out.println("dashboard " + dashboard.uri());
 *     ... // train; the page follows
 * }
 * }</pre>
 */
public final class Dashboard implements AutoCloseable {
    /** The address served by default: this machine only. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The port served by default (TensorBoard's: people who train know it). */
    public static final int DEFAULT_PORT = 6006;
    private static final String WEB = "/dev/descent/dashboard/web/";
    private static final Map<String, String> PAGES = Map.of("/", "index.html", "/run", "run.html",
            "/compare", "compare.html");

    static {
        // Small answers go out at once: without TCP_NODELAY the JDK's server sends headers and body in two packets
        // and Nagle's algorithm holds the second for the client's delayed ACK, 40 ms on Linux per request. The
        // server reads this once, when its first instance is made.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService requests;
    private final RunCatalog catalog;
    private final EventHub events;
    private final ServedFiles files;
    /** The loopback address served, whose name a request's Host may also give; null when not on loopback. */
    private final String loopbackAddress;
    private final URI uri;
    private final Map<String, byte[]> resources = new ConcurrentHashMap<>();

    private Dashboard(HttpServer server, ExecutorService requests, RunCatalog catalog, EventHub events,
                      ServedFiles files, String loopbackAddress, URI uri) {
        this.server = server;
        this.requests = requests;
        this.catalog = catalog;
        this.events = events;
        this.files = files;
        this.loopbackAddress = loopbackAddress;
        this.uri = uri;
    }

    /**
     * Serves the runs under {@code directories} on {@code host:port} ({@code port} 0: any free port).
     *
     * @throws IllegalArgumentException naming the directory that does not exist, the host that cannot be
     *         resolved, or the port that is taken, with what to do instead
     */
    public static Dashboard start(List<Path> directories, String host, int port) throws IOException {
        if (directories.isEmpty()) {
            throw new IllegalArgumentException("no directory to serve: give one or more run directories, e.g. runs");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port " + port + ": a port is 0 to 65535 (0 picks a free one)");
        }
        List<Path> roots = new ArrayList<>();
        for (Path directory : directories) {
            if (!Files.isDirectory(directory)) {
                throw new IllegalArgumentException(directory + (Files.exists(directory) ? " is a file" : " does not exist")
                        + ": serve a directory of runs, e.g. runs (where 'descent train' writes them; or train and watch"
                        + " at once with 'descent train --serve')");
            }
            roots.add(directory.toRealPath());
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--host " + host + ": no such address; use 127.0.0.1 (this machine"
                    + " only, the default) or 0.0.0.0 (every interface)");
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(address, port), 64);
        } catch (BindException e) {
            throw new IllegalArgumentException(bindFailure(host, port, e));
        }
        try {
            return serve(server, address, roots);
        } catch (RuntimeException | Error e) {
            server.stop(0); // bound but not serving: free the port
            throw e;
        }
    }

    /** Why the port could not be had, and what to do: taken, privileged, or the host is not this machine's. */
    private static String bindFailure(String host, int port, BindException e) {
        String reason = String.valueOf(e.getMessage());
        if (reason.contains("assign requested address")) {
            return "--host " + host + " is not an address of this machine; use 127.0.0.1 (this machine only) or"
                    + " 0.0.0.0 (every interface)";
        }
        if (reason.contains("ermission")) {
            return "--port " + port + ": ports below 1024 need administrator rights; use one above 1024, e.g. --port "
                    + DEFAULT_PORT;
        }
        return "--port " + port + " on " + host + " is taken (" + reason + "; another 'descent serve' or TensorBoard?);"
                + " pick another with --port N, or --port 0 for any free one";
    }

    private static Dashboard serve(HttpServer server, InetAddress address, List<Path> roots) {
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService requests = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "descent-dashboard-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        EventHub events = new EventHub();
        RunCatalog catalog = new RunCatalog(roots, events);
        events.catalog(catalog);
        int bound = server.getAddress().getPort();
        String shown = address.isAnyLocalAddress() ? "127.0.0.1" : address.getHostAddress();
        URI uri = URI.create("http://" + (shown.contains(":") ? "[" + shown + "]" : shown) + ":" + bound + "/");
        Dashboard dashboard = new Dashboard(server, requests, catalog, events, new ServedFiles(roots),
                address.isLoopbackAddress() ? address.getHostAddress() : null, uri);
        server.createContext("/", dashboard::handle);
        server.setExecutor(requests);
        try {
            catalog.start();
            server.start();
        } catch (RuntimeException | Error e) {
            catalog.close();
            requests.shutdownNow();
            throw e;
        }
        return dashboard;
    }

    /** Whether {@code host} names this machine only (so that serving on it exposes nothing to the network). */
    public static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Whether only this machine can reach the dashboard (it listens on a loopback address). */
    public boolean localOnly() {
        return loopbackAddress != null;
    }

    /** The address to open, e.g. {@code http://127.0.0.1:6006/}. */
    public URI uri() {
        return uri;
    }

    /** The page of the run in {@code runDirectory}, if it lies under a served directory. */
    public Optional<URI> runPage(Path runDirectory) {
        Path real;
        try {
            real = runDirectory.toRealPath();
        } catch (IOException e) {
            return Optional.empty();
        }
        List<Path> roots = files.roots();
        for (int r = 0; r < roots.size(); r++) {
            if (real.startsWith(roots.get(r))) {
                String relative = roots.get(r).relativize(real).toString().replace('\\', '/');
                return Optional.of(uri.resolve("run?id=" + PercentCoding.encodeSegment(WatchedRun.id(r, relative))));
            }
        }
        return Optional.empty();
    }

    public List<Path> directories() {
        return files.roots();
    }

    /** How many pages hold an event stream open now. */
    public int openStreams() {
        return events.openStreams();
    }

    @Override
    public void close() {
        events.closeAll();
        catalog.close();
        server.stop(0);
        requests.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            route(exchange);
        } catch (IOException e) {
            exchange.close(); // the browser went away mid-answer
        } catch (RuntimeException e) {
            // a bug: said where the person running the dashboard sees it, not to whoever sent the request
            System.err.println("descent serve: " + exchange.getRequestURI() + " failed:");
            e.printStackTrace();
            try {
                Responses.secure(exchange, Responses.PAGE_POLICY);
                Responses.jsonError(exchange, 500, "the dashboard failed on this request (its console says why)");
            } catch (IOException | RuntimeException ignored) {
                exchange.close();
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        Responses.secure(exchange, Responses.PAGE_POLICY);
        String method = exchange.getRequestMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            Responses.text(exchange, 405, "the dashboard is read-only: GET and HEAD only");
            return;
        }
        if (loopbackAddress != null && !localHost(exchange.getRequestHeaders().getFirst("Host"))) {
            // a page elsewhere that points a host name at 127.0.0.1 (DNS rebinding) reads nothing
            Responses.text(exchange, 403, "served to this machine only: open it as 127.0.0.1 or localhost");
            return;
        }
        String path = exchange.getRequestURI().getRawPath();
        Map<String, List<String>> query = query(exchange.getRequestURI().getRawQuery());
        String page = PAGES.get(path);
        if (page != null) {
            if (path.equals("/run") && !first(query, "id").isEmpty()) {
                // the page's data starts on its way with the page, not once its scripts have run (40-60 ms sooner)
                exchange.getResponseHeaders().set("Link", "</api/run?id="
                        + PercentCoding.encodeLikeJavaScript(first(query, "id")) + ">; rel=preload; as=fetch; crossorigin");
            }
            resource(exchange, page);
        } else if (path.startsWith("/static/")) {
            String name = PercentCoding.decode(path.substring("/static/".length()));
            if (name == null || !ServedFiles.safe(name) || Responses.contentType(name).equals(Responses.OCTETS)) {
                Responses.text(exchange, 404, "not found");
            } else {
                resource(exchange, name);
            }
        } else if (path.equals("/favicon.ico")) {
            Responses.send(exchange, 204, "image/x-icon", new byte[0]); // no icon, and no error in the console
        } else if (path.startsWith("/files/")) {
            servedFile(exchange, path.substring("/files/".length()));
        } else if (path.equals("/api/runs")) {
            Responses.json(exchange, 200, Json.write(Map.of("roots", rootsJson(), "runs", catalog.summaries(),
                    "reports", catalog.reports())));
        } else if (path.equals("/api/run")) {
            WatchedRun run = catalog.run(first(query, "id"));
            if (run == null) {
                catalog.refresh();
                run = catalog.run(first(query, "id"));
            }
            if (run == null || !Files.isDirectory(run.directory())) {
                Responses.jsonError(exchange, 404, "no run " + first(query, "id")
                        + " under the served directories (deleted, or not a run)");
            } else {
                Responses.json(exchange, 200, Json.write(run.detail(filesPrefix(run))));
            }
        } else if (path.equals("/api/compare")) {
            compare(exchange, query.getOrDefault("id", List.of()));
        } else if (path.equals("/api/events")) {
            events.serve(exchange, new LinkedHashSet<>(query.getOrDefault("run", List.of())));
        } else {
            Responses.text(exchange, 404, "not found");
        }
    }

    private boolean localHost(String host) {
        if (host == null) {
            return true; // HTTP/1.0 without Host: not a browser
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[")) {
            name = name.substring(0, name.indexOf(']') + 1);
        } else if (name.indexOf(':') >= 0) {
            name = name.substring(0, name.indexOf(':'));
        }
        return name.equals("127.0.0.1") || name.equals("localhost") || name.equals("[::1]")
                || name.equals(loopbackAddress) || name.equals("[" + loopbackAddress + "]")
                || name.equals(uri.getHost());
    }

    private String filesPrefix(WatchedRun run) {
        String relative = run.relative();
        return "/files/" + run.root() + "/" + (relative.isEmpty() ? "" : PercentCoding.encodePath(relative) + "/");
    }

    private List<Map<String, Object>> rootsJson() {
        List<Map<String, Object>> roots = new ArrayList<>();
        for (int r = 0; r < files.roots().size(); r++) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("index", r);
            root.put("path", files.roots().get(r).toString());
            roots.add(root);
        }
        return roots;
    }

    private void compare(HttpExchange exchange, List<String> ids) throws IOException {
        List<Map<String, Object>> summaries = new ArrayList<>();
        List<Map<String, String>> configs = new ArrayList<>();
        for (String id : ids) {
            WatchedRun run = catalog.run(id);
            if (run == null) {
                Responses.jsonError(exchange, 404, "no run " + id + " under the served directories");
                return;
            }
            summaries.add(run.summary());
            configs.add(run.config());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runs", summaries);
        body.put("differing", ConfigTree.differing(configs));
        Responses.json(exchange, 200, Json.write(body));
    }

    private void servedFile(HttpExchange exchange, String rawRest) throws IOException {
        int slash = rawRest.indexOf('/');
        String relative = slash < 0 ? null : PercentCoding.decode(rawRest.substring(slash + 1));
        Optional<Path> file = Optional.empty();
        if (relative != null && rawRest.substring(0, slash).matches("[0-9]{1,3}")) {
            file = files.resolve(Integer.parseInt(rawRest.substring(0, slash)), relative);
        }
        if (file.isEmpty()) {
            Responses.text(exchange, 404, "not found");
            return;
        }
        Responses.secure(exchange, Responses.FILE_POLICY);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file.get());
        } catch (IOException e) {
            Responses.text(exchange, 404, "not found"); // removed meanwhile
            return;
        }
        String type = Responses.contentType(file.get().getFileName().toString());
        if (type.equals(Responses.OCTETS)) {
            exchange.getResponseHeaders().set("Content-Disposition", "attachment");
        }
        Responses.send(exchange, 200, type, bytes);
    }

    private void resource(HttpExchange exchange, String name) throws IOException {
        byte[] bytes = resources.computeIfAbsent(name, n -> {
            try (InputStream in = Dashboard.class.getResourceAsStream(WEB + n)) {
                return in == null ? new byte[0] : in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (bytes.length == 0) {
            resources.remove(name);
            Responses.text(exchange, 404, "not found");
            return;
        }
        Responses.send(exchange, 200, Responses.contentType(name), bytes);
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = PercentCoding.decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = PercentCoding.decode(eq < 0 ? "" : pair.substring(eq + 1).replace('+', ' '));
            if (key != null && value != null) {
                query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            }
        }
        return query;
    }

    private static String first(Map<String, List<String>> query, String key) {
        List<String> values = query.get(key);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

}
