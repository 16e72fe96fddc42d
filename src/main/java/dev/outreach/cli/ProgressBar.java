package dev.outreach.cli;

import java.io.PrintStream;

/**
 * A one-line progress bar redrawn with a carriage return, at most a few times a second. Only for a
 * person at a terminal: the command creates it only when {@code System.console()} is not null, so
 * logs and pipes never get control characters.
 */
final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream out;
    private final long total;
    private long lastDraw;

    /** @param total the units that make 100% (bytes of the input file) */
    ProgressBar(PrintStream out, long total) {
        this.out = out;
        this.total = Math.max(1, total);
    }

    void update(long done, long rows) {
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        draw(done, rows);
    }

    void finish(long rows) {
        draw(total, rows);
        out.println();
    }

    private void draw(long done, long rows) {
        int percent = (int) Math.min(100, done * 100 / total);
        int filled = percent * WIDTH / 100;
        out.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + percent + "%  " + rows + " rows");
        out.flush();
    }
}
