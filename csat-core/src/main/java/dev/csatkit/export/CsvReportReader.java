package dev.csatkit.export;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.Violation;
import dev.csatkit.internal.score.ReportFeed;
import dev.csatkit.score.Report;
import dev.csatkit.score.ReportSpec;
import dev.csatkit.score.SurveyResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Reads a responses CSV straight into a {@link Report}: the report {@code csat report} prints,
 * for files of millions of rows. It accepts and rejects exactly the rows {@link ResponseCsvReader}
 * does, with the same line numbers and words, and reports on the accepted ones as
 * {@link Report#of} would — except that a survey sent twice (the same {@code interaction_id}
 * and {@code survey_id}) is counted once: the row further down the file wins, and
 * {@link CsvReport#duplicates()} says how many rows were dropped for it.
 *
 * <p>It is faster because it builds no {@link SurveyResponse} for a row it can check from its
 * bytes: the ISO-8601 times the exporter writes are read by hand (others by java.time), only the
 * columns the report groups by are decoded, once per distinct value, and the file is cut at line
 * starts into stretches read by several threads, whose counts add up like any tallies. A stretch
 * whose cut fell inside a quoted cell spanning lines is found out and read again from the right
 * place before anything it holds is counted, so the result never depends on the threads.
 *
 * <p>Memory grows with the number of distinct surveys (their keys, to find duplicates; about 40
 * bytes each and the key itself) and with the number of low-score rows when the spec lists them
 * (a position and two times each), not with the length of the file. Rejected rows are handed to
 * the caller in line order as they are found. An instance is immutable and can be used by many
 * threads.
 */
public final class CsvReportReader {

    private static final Path LOAD_AVERAGE = Path.of("/proc/loadavg");
    private static final int MIN_STRETCH = 1 << 20;
    private static final int MAX_STRETCH = 8 << 20;

    private final ReportSpec spec;
    private final int threads;
    // The length of a stretch; 0 chooses one from the file's length. Tests cut files finely.
    private final int stretch;

    private CsvReportReader(ReportSpec spec, int threads, int stretch) {
        this.spec = Objects.requireNonNull(spec, "spec");
        // Its threads count rows without reading comments: a praise list would come out empty.
        if (spec.praiseLimit() > 0) {
            throw new InvalidConfigurationException(Violation.of("praiseLimit", spec.praiseLimit(),
                    "must be 0 here: CsvReportReader lists no praise; read the file with ResponseCsvReader and "
                            + "Report.of for a report with praise"));
        }
        this.threads = threads;
        this.stretch = stretch;
    }

    /**
     * A reader using the processors that other work does not keep busy: the available processors
     * less the whole part of the one-minute load average where the system reports one (Linux,
     * {@code /proc/loadavg}), at least one. On a machine busy with other work, a second thread
     * only competes with it and with the JIT compiler for the same core: a million rows took
     * about 1.1 s on one thread against 1.5 s on two there, while on an idle machine two threads
     * are the faster.
     *
     * @param spec what to report
     * @return the reader
     */
    public static CsvReportReader of(ReportSpec spec) {
        return new CsvReportReader(spec, idleProcessors(), 0);
    }

    /** @return the available processors less those the load average says are busy, at least one */
    static int idleProcessors() {
        return idleProcessors(Runtime.getRuntime().availableProcessors(), LOAD_AVERAGE);
    }

    /**
     * @param processors the processors available
     * @param loadAverage a file such as {@code /proc/loadavg}, the one-minute load average first
     * @return {@code processors} less the whole part of that load average, at least one; all of
     *     them when the file cannot be read or does not start with a number
     */
    static int idleProcessors(int processors, Path loadAverage) {
        try {
            String text = Files.readString(loadAverage);
            double load = Double.parseDouble(text.substring(0, text.indexOf(' ')));
            return Math.max(1, Math.min(processors, processors - (int) load));
        } catch (IOException | RuntimeException e) {
            // No load average here (not Linux, or not readable): every processor.
            return processors;
        }
    }

    /**
     * @param threads how many threads may read at once, at least 1
     * @return a reader like this one with that many threads
     * @throws InvalidConfigurationException when {@code threads} is below 1
     */
    public CsvReportReader threads(int threads) {
        if (threads < 1) {
            throw new InvalidConfigurationException(Violation.of("threads", threads, "must be at least 1"));
        }
        return new CsvReportReader(spec, threads, stretch);
    }

    /** A reader that cuts files into stretches of {@code bytes}, for tests of the cuts. */
    CsvReportReader stretchBytes(int bytes) {
        return new CsvReportReader(spec, threads, bytes);
    }

    /** @return what is reported */
    public ReportSpec spec() {
        return spec;
    }

    /**
     * Reads a file. A file that gives no size to cut it by (a named pipe such as a shell's
     * {@code <(zcat responses.csv.gz)}, a device, a file of {@code /proc}) is read like
     * {@link #read(InputStream, Consumer) a stream}.
     *
     * @param file a responses CSV, UTF-8, with a header row
     * @param rejected called with each rejected row, in line order, on the calling thread or a
     *     reading thread, never two at once
     * @return the report and the row counts
     * @throws InvalidDefinitionException when the header is missing, lacks a required column or
     *     names one twice
     * @throws UncheckedIOException when the file cannot be read
     */
    public CsvReport read(Path file, Consumer<CsvRow.Rejected> rejected) {
        Objects.requireNonNull(rejected, "rejected");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > 0) {
                return new Scan(spec, channel, size, threads, stretch, rejected).run();
            }
            try {
                return readCopy(Channels.newInputStream(channel), rejected);
            } catch (UncheckedIOException e) {
                throw new UncheckedIOException("could not read " + file, e.getCause());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    /**
     * Reads a stream, such as standard input. It is copied to a temporary file first, which is
     * deleted afterwards, so that it can be cut into stretches like a file.
     *
     * @param in a responses CSV, UTF-8, with a header row; not closed
     * @param rejected called with each rejected row, in line order
     * @return the report and the row counts
     * @throws InvalidDefinitionException when the header is missing, lacks a required column or
     *     names one twice
     * @throws UncheckedIOException when the stream cannot be read or the copy written
     */
    public CsvReport read(InputStream in, Consumer<CsvRow.Rejected> rejected) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(rejected, "rejected");
        return readCopy(in, rejected);
    }

    private CsvReport readCopy(InputStream in, Consumer<CsvRow.Rejected> rejected) {
        Path copy = null;
        try {
            copy = Files.createTempFile("csat-responses", ".csv");
            try (OutputStream out = Files.newOutputStream(copy)) {
                // Plain reads, not transferTo: on some JDKs that copies only as much as the source's
                // size says, and a pipe's or a /proc file's says 0.
                byte[] buffer = new byte[1 << 16];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                }
            }
            try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.READ)) {
                return new Scan(spec, channel, channel.size(), threads, stretch, rejected).run();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy the input to a temporary file", e);
        } finally {
            if (copy != null) {
                try {
                    Files.deleteIfExists(copy);
                } catch (IOException e) {
                    // Nothing more to do: the copy is in the temporary directory.
                }
            }
        }
    }

    /**
     * One read of one file: the header, the stretches, the threads, and the report at the end.
     * The stretches are checked in file order — each must start where the one before it ended —
     * and rejected rows are handed out and rows committed only once their stretch is checked.
     */
    static final class Scan {
        private final ReportSpec spec;
        private final FileChannel channel;
        private final long size;
        private final int threads;
        private final int fixedStretch;
        private final Consumer<CsvRow.Rejected> rejected;
        private final SegmentSpace space;
        private final SurveyKeyTable keys = new SurveyKeyTable();
        private final Set<Long> superseded = ConcurrentHashMap.newKeySet();
        private final Queue<CsvChunkReader.Chunk> free = new ConcurrentLinkedQueue<>();
        private final AtomicInteger nextStretch = new AtomicInteger();
        private ResponseHeader header = new ResponseHeader(0, new int[0]);
        private long[] cuts = new long[0];

        // Guarded by this: the stretches read and not yet checked, and where checking stands.
        private CsvChunkReader.Chunk[] waiting = new CsvChunkReader.Chunk[0];
        private int nextToCheck;
        private long expectedStart;
        private long lineBase;
        private long rows;
        private long accepted;
        private long rejectedRows;
        private boolean stopped;

        Scan(ReportSpec spec, FileChannel channel, long size, int threads, int fixedStretch,
                Consumer<CsvRow.Rejected> rejected) {
            this.spec = spec;
            this.channel = channel;
            this.size = size;
            this.threads = threads;
            this.fixedStretch = fixedStretch;
            this.rejected = rejected;
            this.space = new SegmentSpace(spec);
        }

        ReportSpec spec() {
            return spec;
        }

        ResponseHeader header() {
            return header;
        }

        SegmentSpace space() {
            return space;
        }

        FileChannel channel() {
            return channel;
        }

        long size() {
            return size;
        }

        /**
         * A stretch to fill: one a commit has finished with, or a new one. Reusing them keeps a
         * run from allocating (and the collector from copying) a few megabytes per stretch.
         */
        CsvChunkReader.Chunk chunk(int index, long start, long bytes) {
            CsvChunkReader.Chunk chunk = free.poll();
            if (chunk == null) {
                return new CsvChunkReader.Chunk(index, start, bytes);
            }
            chunk.reset(index, start);
            return chunk;
        }

        /** Takes back a committed stretch for reuse. */
        void release(CsvChunkReader.Chunk chunk) {
            free.offer(chunk);
        }

        void superseded(long position) {
            superseded.add(position);
        }

        CsvReport run() {
            long dataStart = readHeader();
            cuts = cutsOf(dataStart, size, threads, fixedStretch);
            int count = cuts.length - 1;
            waiting = new CsvChunkReader.Chunk[count];
            expectedStart = dataStart;

            int workers = Math.min(threads, count);
            List<CsvChunkReader> readers = new ArrayList<>();
            List<Thread> started = new ArrayList<>();
            Throwable[] failure = new Throwable[1];
            for (int w = 0; w < workers; w++) {
                CsvChunkReader reader = new CsvChunkReader(this);
                readers.add(reader);
                if (w > 0) {
                    Thread t = new Thread(() -> work(reader), "csat-csv-" + w);
                    t.setDaemon(true);
                    t.setUncaughtExceptionHandler((thread, e) -> {
                        synchronized (failure) {
                            failure[0] = e;
                        }
                        stop();
                    });
                    started.add(t);
                    t.start();
                }
            }
            try {
                work(readers.get(0));
            } catch (RuntimeException | Error e) {
                stop();
                join(started);
                throw e;
            }
            join(started);
            synchronized (failure) {
                if (failure[0] instanceof RuntimeException e) {
                    throw e;
                }
                if (failure[0] instanceof Error e) {
                    throw e;
                }
            }
            return report(readers);
        }

        /**
         * Where the stretches of the data from {@code dataStart} to {@code size} start, and
         * {@code size} last: one stretch at least, each {@code fixedStretch} bytes long, or, for
         * 0, a sixteenth of a thread's share of the data kept within 1 to 8 MiB.
         */
        static long[] cutsOf(long dataStart, long size, int threads, int fixedStretch) {
            long length = size - dataStart;
            // Sixteen stretches a thread keep threads busy to the end; a stretch of 1-8 MiB keeps
            // the hand-over per stretch negligible.
            long stretch = fixedStretch > 0 ? fixedStretch
                    : Math.max(MIN_STRETCH, Math.min(MAX_STRETCH, length / (threads * 16L)));
            int count = (int) Math.max(1, (length + stretch - 1) / stretch);
            long[] cuts = new long[count + 1];
            for (int i = 0; i < count; i++) {
                cuts[i] = dataStart + i * stretch;
            }
            cuts[count] = size;
            return cuts;
        }

        /** Waits for every thread to end, keeping the caller's interrupt for after. */
        static void join(List<Thread> started) {
            boolean interrupted = false;
            for (Thread t : started) {
                while (true) {
                    try {
                        t.join();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        private synchronized void stop() {
            stopped = true;
        }

        private synchronized boolean stopped() {
            return stopped;
        }

        /** One thread's loop: take the next stretch, read it, check and commit what can be. */
        private void work(CsvChunkReader reader) {
            while (!stopped()) {
                int k = nextStretch.getAndIncrement();
                if (k >= waiting.length) {
                    break;
                }
                CsvChunkReader.Chunk chunk = k == 0 ? reader.read(0, cuts[0], cuts[0], cuts[1])
                        : reader.read(k, -1, cuts[k], cuts[k + 1]);
                for (CsvChunkReader.Chunk ready : check(reader, chunk)) {
                    reader.commit(ready, keys);
                }
            }
        }

        /**
         * Files a stretch and checks every stretch that can now be checked, in file order.
         *
         * @return the stretches checked, to be committed by the calling thread
         */
        private synchronized List<CsvChunkReader.Chunk> check(CsvChunkReader reader, CsvChunkReader.Chunk chunk) {
            waiting[chunk.index] = chunk;
            List<CsvChunkReader.Chunk> ready = new ArrayList<>();
            while (!stopped && nextToCheck < waiting.length && waiting[nextToCheck] != null) {
                CsvChunkReader.Chunk c = waiting[nextToCheck];
                waiting[nextToCheck] = null;
                if (c.start != expectedStart) {
                    // The cut fell inside a quoted cell spanning lines (or lines end in CR alone):
                    // read the stretch again from where the one before really ended.
                    c = reader.read(nextToCheck, expectedStart, cuts[nextToCheck], cuts[nextToCheck + 1]);
                }
                if (nextToCheck == 0 && c.end > c.start) {
                    // Nothing is committed before the first stretch is checked: size the key table
                    // from its rows now, so that it never grows while threads commit.
                    keys.expect((long) (1.1 * c.rows * (size - c.start) / (c.end - c.start)),
                            c.size == 0 ? 24 : c.keyBounds[c.size] / c.size);
                }
                for (CsvRow.Rejected r : c.rejected) {
                    rejected.accept(new CsvRow.Rejected(lineBase + r.line(), r.violations()));
                }
                rows += c.rows;
                rejectedRows += c.rejected.size();
                accepted += c.size;
                expectedStart = c.end;
                lineBase += c.lines;
                nextToCheck++;
                ready.add(c);
                if (c.broken) {
                    stopped = true;
                }
            }
            return ready;
        }

        /** Reads the header row; returns where the data starts and sets the line it is on. */
        long readHeader() {
            CsvRecordScanner scanner = new CsvRecordScanner();
            byte[] b = new byte[64 * 1024];
            long line = 1;
            long position = 0;
            while (true) {
                int n = readAt(b, position);
                boolean end = position + n >= size;
                int status = scanner.scan(b, 0, n, end);
                if (status == CsvRecordScanner.INCOMPLETE) {
                    b = Arrays.copyOf(b, b.length * 2);
                    continue;
                }
                if (status == CsvRecordScanner.END) {
                    throw ResponseHeader.empty();
                }
                if (status == CsvRecordScanner.BROKEN) {
                    throw new InvalidDefinitionException("responses CSV", Violation.of("header", scanner.problem(),
                            "must be well-formed CSV"));
                }
                List<String> names = scanner.texts(b);
                line += scanner.lines();
                position += scanner.next();
                if (!ResponseRows.isBlank(names)) {
                    header = ResponseHeader.of(names);
                    lineBase = line;
                    return position;
                }
            }
        }

        private int readAt(byte[] b, long position) {
            try {
                // The scanner may write past the bytes it is given: leave it room.
                ByteBuffer target = ByteBuffer.wrap(b, 0, b.length - CsvRecordScanner.PADDING);
                while (target.hasRemaining() && position + target.position() < size) {
                    if (channel.read(target, position + target.position()) < 0) {
                        break;
                    }
                }
                return target.position();
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the CSV", e);
            }
        }

        /** The cells of the row that starts at {@code position}. */
        private List<String> rowAt(long position) {
            CsvRecordScanner scanner = new CsvRecordScanner();
            byte[] b = new byte[8 * 1024];
            while (true) {
                int n = readAt(b, position);
                int status = scanner.scan(b, 0, n, position + n >= size);
                if (status == CsvRecordScanner.INCOMPLETE) {
                    b = Arrays.copyOf(b, b.length * 2);
                    continue;
                }
                if (status != CsvRecordScanner.FOUND) {
                    throw new IllegalStateException("no row at " + position + " on a second reading");
                }
                return scanner.texts(b);
            }
        }

        /** Adds up the threads' counts and builds the report through the accumulator. */
        private CsvReport report(List<CsvChunkReader> readers) {
            int width = spec.scale().size() + 3;
            int segments = space.size();
            long[] total = new long[segments * width];
            long duplicates = 0;
            for (CsvChunkReader r : readers) {
                long[] counts = r.counts();
                for (int i = 0; i < Math.min(counts.length, total.length); i++) {
                    total[i] += counts[i];
                }
                duplicates += r.duplicates();
            }
            ReportFeed.Access feed = ReportFeed.access();
            Report.Accumulator accumulator = Report.accumulator(spec);
            for (int s = 0; s < segments; s++) {
                long[] row = Arrays.copyOfRange(total, s * width, s * width + width);
                // A segment whose every row was displaced by a duplicate elsewhere is no segment.
                if (Arrays.stream(row).anyMatch(c -> c != 0)) {
                    feed.addCounts(accumulator, space.values(s), space.period(s), row);
                }
            }
            int questionWidth = CsvChunkReader.questionWidth(spec);
            int questionSegments = space.questionSegments();
            for (int q = 0; q < questionSegments; q++) {
                long[] row = new long[questionWidth];
                for (CsvChunkReader r : readers) {
                    long[] counts = r.questionCounts();
                    for (int k = 0; k < questionWidth && q * questionWidth + k < counts.length; k++) {
                        row[k] += counts[q * questionWidth + k];
                    }
                }
                String question = space.question(q);
                long[] own = Arrays.copyOf(row, spec.scaleOf(question).size() + 3);
                if (Arrays.stream(own).anyMatch(c -> c != 0)) {
                    feed.addQuestionCounts(accumulator, question, space.questionValues(q), space.questionPeriod(q),
                            own);
                }
            }
            if (spec.lowScoreThreshold().isPresent()) {
                addLowScores(readers, feed, accumulator);
            }
            return new CsvReport(accumulator.build(), rows, accepted, rejectedRows, duplicates);
        }

        /**
         * The low-score list: of the low-score rows still counted, the newest are read again
         * from the file and offered to the accumulator, which keeps them in its total order.
         */
        private void addLowScores(List<CsvChunkReader> readers, ReportFeed.Access feed,
                Report.Accumulator accumulator) {
            CsvChunkReader.Candidates[] all = new CsvChunkReader.Candidates[readers.size()];
            for (int r = 0; r < all.length; r++) {
                all[r] = readers.get(r).candidates();
            }
            // A heap of the newest rows seen so far, oldest on top: a row newer than the top
            // replaces it. Rows are (thread << 32 | index); most are older and cost one comparison.
            int limit = spec.lowScoreLimit();
            long[] heap = new long[limit];
            int size = 0;
            long seen = 0;
            boolean noneDropped = superseded.isEmpty();
            for (int r = 0; r < all.length; r++) {
                for (int i = 0; i < all[r].size; i++) {
                    if (!noneDropped && superseded.contains(all[r].positions[i])) {
                        continue;
                    }
                    seen++;
                    size = offer(all, heap, size, (long) r << 32 | i);
                }
            }
            // Every row at least as new as the oldest kept, ties included: the report's own
            // order, which looks at more than the times, settles which of them it keeps.
            ResponseRows rows = new ResponseRows(header, spec.scale(), spec.questionScales(), spec.zone());
            List<SurveyResponse> newest = new ArrayList<>();
            for (int r = 0; r < all.length; r++) {
                for (int i = 0; i < all[r].size; i++) {
                    long row = (long) r << 32 | i;
                    if ((size < limit || newer(all, row, heap[0]) >= 0)
                            && (noneDropped || !superseded.contains(all[r].positions[i]))) {
                        CsvRow read = rows.toRow(rowAt(all[r].positions[i]), 0);
                        if (read instanceof CsvRow.Accepted a) {
                            newest.add(a.response());
                        }
                    }
                }
            }
            feed.addLowScores(accumulator, newest, seen);
        }

        /**
         * Offers a row to a heap of the newest rows, oldest on top, that holds {@code size} of
         * {@code heap.length}: kept while there is room, or in place of the top when newer.
         *
         * @return the heap's size after
         */
        static int offer(CsvChunkReader.Candidates[] all, long[] heap, int size, long row) {
            if (size < heap.length) {
                heap[size] = row;
                siftUp(all, heap, size);
                return size + 1;
            }
            if (newer(all, row, heap[0]) > 0) {
                heap[0] = row;
                siftDown(all, heap, size);
            }
            return size;
        }

        /** Compares two low-score rows by reply time, then sent time: positive when {@code a} is newer. */
        static int newer(CsvChunkReader.Candidates[] all, long a, long b) {
            CsvChunkReader.Candidates ca = all[(int) (a >>> 32)];
            CsvChunkReader.Candidates cb = all[(int) (b >>> 32)];
            int i = (int) a;
            int j = (int) b;
            int c = Long.compare(ca.replySeconds[i], cb.replySeconds[j]);
            if (c == 0) {
                c = Integer.compare(ca.replyNanos[i], cb.replyNanos[j]);
            }
            if (c == 0) {
                c = Long.compare(ca.sentSeconds[i], cb.sentSeconds[j]);
            }
            return c != 0 ? c : Integer.compare(ca.sentNanos[i], cb.sentNanos[j]);
        }

        static void siftUp(CsvChunkReader.Candidates[] all, long[] heap, int k) {
            while (k > 0) {
                int parent = (k - 1) >>> 1;
                if (newer(all, heap[parent], heap[k]) <= 0) {
                    return;
                }
                long t = heap[parent];
                heap[parent] = heap[k];
                heap[k] = t;
                k = parent;
            }
        }

        static void siftDown(CsvChunkReader.Candidates[] all, long[] heap, int size) {
            int k = 0;
            while (true) {
                int child = 2 * k + 1;
                if (child >= size) {
                    return;
                }
                if (child + 1 < size && newer(all, heap[child + 1], heap[child]) < 0) {
                    child++;
                }
                if (newer(all, heap[k], heap[child]) <= 0) {
                    return;
                }
                long t = heap[child];
                heap[child] = heap[k];
                heap[k] = t;
                k = child;
            }
        }

        @Override
        public String toString() {
            return "Scan[" + size + " bytes, " + threads + " threads]";
        }
    }
}
