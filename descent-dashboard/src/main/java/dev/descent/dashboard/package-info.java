/**
 * The live training dashboard behind {@code descent serve}: a read-only web server over run
 * directories that pushes new metric rows to open pages as they are written.
 *
 * <ul>
 *   <li>{@link dev.descent.dashboard.Dashboard}: starts and stops the server (the JDK's
 *       {@code com.sun.net.httpserver}, so the module needs no web framework).</li>
 *   <li>{@code RunCatalog}, {@code WatchedRun}, {@code LineTail}: find the runs under the served
 *       directories and follow their files by offset, so a poll reads only the bytes appended
 *       since the last one and a half-written line waits for its end.</li>
 *   <li>{@code EventHub}: the server-sent event streams of the open pages.</li>
 *   <li>{@code ServedFiles}, {@code Responses}, {@code Json}: what keeps the server safe to leave
 *       open: paths confined to the served directories, a Content-Security-Policy on every
 *       response, and JSON that is safe to place in HTML.</li>
 * </ul>
 *
 * <p>The pages (HTML, CSS and JavaScript under {@code web/}) use uPlot, which the build takes
 * from the npm registry, checks against its SHA-512 and bundles as a resource: the dashboard
 * works offline.
 */
package dev.descent.dashboard;
