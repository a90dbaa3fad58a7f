package dev.csatkit.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.export.CsvReportReader.Scan;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.score.ReportSpec;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report reader's parts that its results do not show: how many threads it takes, where it
 * cuts a file, the heap that picks the newest low-score rows, and how it waits for its threads.
 * Reading the same file gives the same report whatever these do, so each is pinned on its own.
 */
class CsvReportReaderScanTest {

    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void theThreadsAreTheProcessorsLessTheWholeLoadAverageAndAtLeastOne() throws IOException {
        assertThat(CsvReportReader.idleProcessors(4, file("idle", "0.93 0.51 0.40 1/211 4242\n"))).isEqualTo(4);
        assertThat(CsvReportReader.idleProcessors(4, file("busy", "2.99 1.20 0.80 3/211 4242\n"))).isEqualTo(2);
        assertThat(CsvReportReader.idleProcessors(4, file("overloaded", "7.10 6.00 5.00 9/211 4242\n"))).isEqualTo(1);
        // No load average to read, or none that reads as one: every processor.
        assertThat(CsvReportReader.idleProcessors(4, dir.resolve("absent"))).isEqualTo(4);
        assertThat(CsvReportReader.idleProcessors(4, file("garbled", "busy\n"))).isEqualTo(4);
    }

    @Test
    void aFixedStretchCutsTheDataEveryThatManyBytesAndTheLastAtTheEnd() {
        assertThat(Scan.cutsOf(100, 1_000, 2, 300)).containsExactly(100, 400, 700, 1_000);
        assertThat(Scan.cutsOf(100, 1_001, 2, 300)).containsExactly(100, 400, 700, 1_000, 1_001);
        assertThat(Scan.cutsOf(100, 399, 2, 300)).containsExactly(100, 399);
        // A header and no data is still one (empty) stretch.
        assertThat(Scan.cutsOf(50, 50, 3, 0)).containsExactly(50, 50);
    }

    @Test
    void theStretchIsASixteenthOfAThreadsShareKeptWithinOneToEightMebibytes() {
        // 100 MiB on two threads: 32 stretches of 3.125 MiB.
        long[] cuts = Scan.cutsOf(10, 10 + 100 * MIB, 2, 0);
        assertThat(cuts).hasSize(33);
        assertThat(cuts[1] - cuts[0]).isEqualTo(3_276_800);
        assertThat(cuts[32]).isEqualTo(10 + 100 * MIB);
        // On one thread: 16 stretches of 6.25 MiB.
        assertThat(Scan.cutsOf(0, 100 * MIB, 1, 0)).containsExactly(
                LongStream.rangeClosed(0, 16).map(i -> i * 6_553_600).toArray());
        // 10 MiB on two threads would make stretches of 320 KiB: 1 MiB at least.
        assertThat(Scan.cutsOf(0, 10 * MIB, 2, 0)).containsExactly(
                LongStream.rangeClosed(0, 10).map(i -> i * MIB).toArray());
        // 1 GiB on two threads would make stretches of 32 MiB: 8 MiB at most.
        cuts = Scan.cutsOf(0, 1024 * MIB, 2, 0);
        assertThat(cuts).hasSize(129);
        assertThat(cuts[1]).isEqualTo(8 * MIB);
    }

    // Low-score rows of two threads: reply times 1, 3, 5, 7 on the first, 2, 4, 6, 8 on the second.
    private static CsvChunkReader.Candidates[] twoThreads() {
        CsvChunkReader.Candidates first = new CsvChunkReader.Candidates();
        CsvChunkReader.Candidates second = new CsvChunkReader.Candidates();
        for (int t = 1; t <= 8; t++) {
            (t % 2 == 1 ? first : second).add(t * 100L, t, 0, 0, 0);
        }
        return new CsvChunkReader.Candidates[] {first, second};
    }

    /** @return the row (thread << 32 | index) with reply time {@code t} in {@link #twoThreads()} */
    private static long row(int t) {
        return t % 2 == 1 ? (t - 1) / 2 : 1L << 32 | (t - 2) / 2;
    }

    private static long replyTime(CsvChunkReader.Candidates[] all, long row) {
        return all[(int) (row >>> 32)].replySeconds[(int) row];
    }

    @Test
    void rowsCompareByReplyTimeThenSentTimeWhateverThreadReadThem() {
        CsvChunkReader.Candidates first = new CsvChunkReader.Candidates();
        CsvChunkReader.Candidates second = new CsvChunkReader.Candidates();
        first.add(0, 100, 5, 50, 5);
        second.add(1, 101, 0, 0, 0);
        second.add(2, 100, 6, 0, 0);
        second.add(3, 100, 5, 51, 0);
        second.add(4, 100, 5, 50, 6);
        second.add(5, 100, 5, 50, 5);
        CsvChunkReader.Candidates[] all = {first, second};
        long base = 0;
        for (int i = 0; i < 4; i++) {
            long later = 1L << 32 | i;
            assertThat(Scan.newer(all, later, base)).as("row %d", i).isPositive();
            assertThat(Scan.newer(all, base, later)).as("row %d", i).isNegative();
        }
        assertThat(Scan.newer(all, 1L << 32 | 4, base)).isZero();
        assertThat(Scan.newer(all, base, base)).isZero();
    }

    @Test
    void theHeapKeepsTheNewestRowsWithTheOldestOfThemOnTop() {
        CsvChunkReader.Candidates[] all = twoThreads();
        int[][] orders = {
            {1, 2, 3, 4, 5, 6, 7, 8}, {8, 7, 6, 5, 4, 3, 2, 1}, {5, 1, 8, 2, 7, 3, 6, 4},
            {2, 4, 6, 8, 1, 3, 5, 7}, {4, 8, 1, 6, 3, 7, 2, 5}, {6, 3, 8, 1, 7, 2, 5, 4},
        };
        for (int[] order : orders) {
            for (int limit = 1; limit <= 5; limit++) {
                long[] heap = new long[limit];
                int size = 0;
                for (int t : order) {
                    size = Scan.offer(all, heap, size, row(t));
                }
                long[] kept = Arrays.stream(heap).map(r -> replyTime(all, r)).toArray();
                String as = Arrays.toString(order) + " into " + limit;
                assertThat(size).as(as).isEqualTo(limit);
                // The newest `limit` of 1 to 8, the oldest of them first.
                assertThat(kept).as(as).containsExactlyInAnyOrder(LongStream.rangeClosed(9 - limit, 8).toArray());
                assertThat(kept[0]).as(as).isEqualTo(9 - limit);
            }
        }
        // Room left: every row offered is kept, the oldest on top.
        long[] heap = new long[5];
        int size = 0;
        for (int t : new int[] {7, 2, 5}) {
            size = Scan.offer(all, heap, size, row(t));
        }
        assertThat(size).isEqualTo(3);
        assertThat(replyTime(all, heap[0])).isEqualTo(2);
    }

    @Test
    void aScanNamesItsSizeAndThreads() throws IOException {
        ReportSpec spec = ReportSpec.builder(RatingScales.fivePoint()).build();
        try (FileChannel channel = FileChannel.open(file("empty.csv", ""))) {
            assertThat(new Scan(spec, channel, 1_234, 2, 0, r -> { }).toString()).isEqualTo("Scan[1234 bytes, 2 threads]");
        }
    }

    @Test
    @Timeout(30)
    void waitingForTheThreadsKeepsTheCallersInterruptForAfter() {
        Thread caller = Thread.currentThread();
        CountDownLatch release = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        worker.start();
        // The caller comes interrupted: its first wait ends at once, and it waits again. Once it
        // does, the worker is let go.
        Thread releaser = new Thread(() -> {
            while (caller.getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
            release.countDown();
        });
        caller.interrupt();
        releaser.start();
        Scan.join(List.of(worker));
        assertThat(worker.isAlive()).isFalse();
        assertThat(Thread.interrupted()).isTrue();
    }
}
