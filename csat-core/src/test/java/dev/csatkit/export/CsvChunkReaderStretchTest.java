package dev.csatkit.export;

import static dev.csatkit.export.CsvChunkReaderRowsTest.HEADER;
import static dev.csatkit.export.CsvChunkReaderRowsTest.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.scale.RatingScales;
import dev.csatkit.score.Dimension;
import dev.csatkit.score.ReportSpec;
import dev.csatkit.score.SurveyResponse;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * One reading thread's stretches, read directly rather than through the report reader: where a
 * speculative stretch starts, where a stretch stops, which rows the fast check takes and which it
 * hands to the exact rules, and how the thread's counts grow. The report reader checks each
 * stretch's start and reads it again when it is wrong, and the exact rules count a row as the fast
 * check does, so none of this shows in a report; here each is pinned on byte positions worked out
 * from the file.
 */
class CsvChunkReaderStretchTest {

    private static final String T = "2025-03-14T09:00:00Z";

    /** A file opened as the report reader opens it, its header read. */
    private static final class Opened implements AutoCloseable {
        final Path file;
        final FileChannel channel;
        final CsvReportReader.Scan scan;
        final long dataStart;
        final long size;

        Opened(ReportSpec spec, String csv) throws IOException {
            file = Files.createTempFile("responses", ".csv");
            Files.writeString(file, csv, StandardCharsets.UTF_8);
            channel = FileChannel.open(file, StandardOpenOption.READ);
            size = channel.size();
            scan = new CsvReportReader.Scan(spec, channel, size, 1, 0, r -> { });
            dataStart = scan.readHeader();
        }

        CsvChunkReader reader() {
            return new CsvChunkReader(scan);
        }

        @Override
        public void close() throws IOException {
            channel.close();
            Files.delete(file);
        }
    }

    private static ReportSpec five() {
        return ReportSpec.builder(RatingScales.fivePoint()).minimumSample(1).build();
    }

    /** @return start, end and rows of a stretch */
    private static List<Long> where(CsvChunkReader.Chunk c) {
        return List.of(c.start, c.end, c.rows);
    }

    /** @return rows, accepted, rejected and rows through the exact rules, reading the whole file as one stretch */
    private static List<Long> paths(ReportSpec spec, String csv) throws IOException {
        try (Opened o = new Opened(spec, csv)) {
            CsvChunkReader reader = o.reader();
            CsvChunkReader.Chunk c = reader.read(0, o.dataStart, o.dataStart, o.size);
            return List.of(c.rows, (long) c.size, (long) c.rejected.size(), reader.exactRows());
        }
    }

    @Test
    void rowsAsTheExporterWritesThemTakeTheFastCheckAndTheOthersTheExactRules() throws IOException {
        // A comment at its limit first, so that every later cell lies further into the buffer than
        // any limit is long.
        String csv = HEADER
                + row("c0", "comment", "x".repeat(SurveyResponse.MAX_COMMENT_LENGTH))
                + row("c", "survey_id", "s")
                + row("c2", "sent_at", "2025-03-14T09:00:00.5Z", "responded_at", "2025-03-14T09:00:00.5Z")
                + row("c3", "score", "1", "invalid", "true")
                + row("c4", "score", "5", "late", "true", "invalid", "false")
                + row("c5", "locale", "sv-SE", "question_id", "csat", "keys", "~ 1")
                + row("'c6", "locale", "sv-SE", "question_id", "")
                // Not a locale: the exact rules reject it and name it.
                + row("c7", "locale", "02")
                // The same length as "02" and no bit of a byte in common with it: still read as its own tag.
                + row("c8", "locale", "DE")
                // Doubled quotes and an edge space: the exact rules decode and strip them.
                + row("c9", "comment", "\"said \"\"hi\"\"\"")
                + row(" c10");
        assertThat(paths(five(), csv)).containsExactly(11L, 10L, 1L, 3L);
    }

    @Test
    void twoDigitScoresAndKeysLastInTheRowTakeTheFastCheck() throws IOException {
        ReportSpec spec = ReportSpec.builder(RatingScales.zeroToTen()).minimumSample(1).build();
        String csv = HEADER + row("c1", "score", "10") + row("c2", "score", "0") + row("c3", "score", "07");
        assertThat(paths(spec, csv)).containsExactly(3L, 3L, 0L, 0L);
        // The byte after the keys is the line feed, which is no key.
        String keysLast = "interaction_id,survey_id,sent_at,score,keys\n" + "c1,s," + T + ",4,12#\n" + "c2,s," + T + ",4,~\n";
        assertThat(paths(five(), keysLast)).containsExactly(2L, 2L, 0L, 0L);
    }

    @Test
    void aSpeculativeStretchStartsAtTheFirstLineStartAtOrAfterItsCut() throws IOException {
        String r1 = row("c1");
        String r2 = row("c2");
        // The last row has no line feed, and is one byte shorter than the first.
        String r3 = row("c3").strip();
        String csv = HEADER + r1 + r2 + r3;
        try (Opened o = new Opened(five(), csv)) {
            long p2 = o.dataStart + r1.length();
            long p3 = p2 + r2.length();
            assertThat(o.size).isEqualTo(p3 + r3.length());
            // A cut right after a line feed is a line start.
            assertThat(where(o.reader().read(1, -1, p2, o.size))).containsExactly(p2, o.size, 2L);
            assertThat(where(o.reader().read(1, -1, p2 + 1, o.size))).containsExactly(p3, o.size, 1L);
            // A cut inside the last line, which has no line feed: the stretch is empty, at the end.
            assertThat(where(o.reader().read(1, -1, p3 + 5, o.size))).containsExactly(o.size, o.size, 0L);

            // The same reader again: its buffer still holds the first row, whose line feed lies just
            // past the bytes of the last row read now; only the bytes read count.
            CsvChunkReader reader = o.reader();
            assertThat(where(reader.read(0, o.dataStart, o.dataStart, o.size))).containsExactly(o.dataStart, o.size, 3L);
            assertThat(r3.length()).isEqualTo(r1.length() - 1);
            assertThat(where(reader.read(1, -1, p3 + 1, o.size))).containsExactly(o.size, o.size, 0L);
        }
    }

    @Test
    void aStretchReadsTheRowsThatStartBeforeItsStopAndNoMore() throws IOException {
        String r1 = row("c1");
        String r2 = row("c2");
        String csv = HEADER + r1 + r2 + row("c3");
        try (Opened o = new Opened(five(), csv)) {
            long p2 = o.dataStart + r1.length();
            long p3 = p2 + r2.length();
            assertThat(where(o.reader().read(0, o.dataStart, o.dataStart, p2))).containsExactly(o.dataStart, p2, 1L);
            assertThat(where(o.reader().read(0, o.dataStart, o.dataStart, p2 + 1))).containsExactly(o.dataStart, p3, 2L);
        }
    }

    @Test
    void aRowLongerThanTheBufferIsReadWholeWhereverItsStretchStarts() throws IOException {
        // A 1.2 MB row between two short ones: longer than the 1 MiB a reader holds at once.
        String r1 = "c1,s," + T + ",4,x\n";
        String csv = "interaction_id,survey_id,sent_at,score,note\n" + r1 + "c2,s," + T + ",5," + "n".repeat(1_200_000)
                + "\n" + "c3,s," + T + ",1,x\n";
        try (Opened o = new Opened(five(), csv)) {
            long p2 = o.dataStart + r1.length();
            CsvChunkReader first = o.reader();
            CsvChunkReader.Chunk all = first.read(0, o.dataStart, o.dataStart, o.size);
            assertThat(where(all)).containsExactly(o.dataStart, o.size, 3L);
            first.commit(all, new SurveyKeyTable());
            // The outcome slots of 1 to 5, then unanswered, invalid and late.
            assertThat(Arrays.copyOf(first.counts(), 8)).containsExactly(1, 0, 0, 1, 1, 0, 0, 0);

            // Cut inside the first row: the stretch starts at the long one, which it does not give up on.
            CsvChunkReader second = o.reader();
            assertThat(where(second.read(1, -1, o.dataStart + 1, o.size))).containsExactly(p2, o.size, 2L);
        }
    }

    @Test
    void aRowOfMoreThan16MiBIsGivenUpUnderASpeculativeStartOnlyAndReadWholeFromAKnownOne() throws IOException {
        String r1 = "c1,s," + T + ",4,x\n";
        String csv = "interaction_id,survey_id,sent_at,score,note\n" + r1 + "c2,s," + T + ",5," + "n".repeat(17_000_000)
                + "\n" + "c3,s," + T + ",1,x\n";
        try (Opened o = new Opened(five(), csv)) {
            // The checked re-read from where the stretch before ended decides instead.
            assertThat(o.reader().read(1, -1, o.dataStart + 1, o.size).start).isEqualTo(-1);
            assertThat(where(o.reader().read(0, o.dataStart, o.dataStart, o.size))).containsExactly(o.dataStart, o.size, 3L);
        }
    }

    @Test
    void underASpeculativeStartARowIsGivenUpOnlyWhenMoreThan16MiBOfItAreHeld() throws IOException {
        // Rows of a note column: 28 bytes before the note, a line feed after it.
        String r1 = "c1,s," + T + ",4,x\n";
        String a = "c2,s," + T + ",4," + "a".repeat((16 << 20) - 1000 - 29) + "\n";
        String b = "c3,s," + T + ",4," + "b".repeat(240 - 29) + "\n";
        String c = "c4,s," + T + ",4," + "c".repeat((16 << 20) + 100 - 29) + "\n";
        String csv = "interaction_id,survey_id,sent_at,score,note\n" + r1 + a + b + c + "c5,s," + T + ",1,x\n";
        try (Opened o = new Opened(five(), csv)) {
            long p2 = o.dataStart + r1.length();
            // Reading the first long row grows the buffer to hold 16 MiB + 240 bytes; ending 1,240
            // bytes before its end, it makes the reader move the next row to the front. That row
            // is 240 bytes long, so exactly 16 MiB of the one after it are held when it comes back
            // cut: not more than the limit, so it is read on, and it fits once moved.
            CsvChunkReader.Chunk chunk = o.reader().read(1, -1, o.dataStart + 1, o.size);
            assertThat(where(chunk)).containsExactly(p2, o.size, 4L);
        }
    }

    @Test
    void aLongKeyAfterAnotherGrowsTheKeyBytesOfAStretchSizedForSixteenRows() throws IOException {
        // A stretch cut 1 byte after its first row is sized for 16 rows, 400 bytes of keys with
        // their padding; its first key takes 300 of them, and the longest key (513 bytes) follows.
        String r1 = "i".repeat(150) + "," + "s".repeat(149) + "," + T + ",4\n";
        String r2 = "j".repeat(256) + "," + "t".repeat(256) + "," + T + ",5\n";
        String csv = "interaction_id,survey_id,sent_at,score\n" + r1 + r2;
        try (Opened o = new Opened(five(), csv)) {
            CsvChunkReader reader = o.reader();
            CsvChunkReader.Chunk c = reader.read(0, o.dataStart, o.dataStart, o.dataStart + r1.length() + 1);
            assertThat(where(c)).containsExactly(o.dataStart, o.size, 2L);
            assertThat(c.size).isEqualTo(2);
            assertThat(c.keyBounds[2]).isEqualTo(300 + 513);
            assertThat(new String(c.keys, 300, 256, StandardCharsets.US_ASCII)).isEqualTo("j".repeat(256));
            assertThat(new String(c.keys, 300 + 257, 256, StandardCharsets.US_ASCII)).isEqualTo("t".repeat(256));
        }
    }

    @Test
    void aThreadsCountsGrowToASegmentNumberedByAnotherThread() throws IOException {
        ReportSpec spec = ReportSpec.builder(RatingScales.fivePoint()).by(Dimension.AGENT).minimumSample(1).build();
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 40; i++) {
            csv.append(row("c" + i, "agent", "a" + i));
        }
        String last = row("c40", "agent", "a40");
        csv.append(last);
        try (Opened o = new Opened(spec, csv.toString())) {
            long lastStart = o.size - last.length();
            // One thread numbers the first 40 agents; the space numbers the primary question and
            // (none) first, so a0 to a39 are 2 to 41 and a40, the one other thread's row, is 42.
            o.reader().read(0, o.dataStart, o.dataStart, lastStart);
            CsvChunkReader other = o.reader();
            CsvChunkReader.Chunk c = other.read(1, lastStart, lastStart, o.size);
            other.commit(c, new SurveyKeyTable());
            // Eight counts a segment (five points, unanswered, invalid, late); the row is a 4.
            assertThat(o.scan.space().valueId("a40")).isEqualTo(42);
            assertThat(other.counts()[42 * 8 + 3]).isEqualTo(1);
            assertThat(Arrays.stream(other.counts()).sum()).isEqualTo(1);
        }
    }

    @Test
    void aCommitWaitingForBusyStripesCommitsEachOfThemOnce() throws Exception {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 64; i++) {
            csv.append(row("c" + i, "score", String.valueOf(1 + i % 5)));
        }
        try (Opened o = new Opened(five(), csv.toString())) {
            CsvChunkReader reader = o.reader();
            CsvChunkReader.Chunk c = reader.read(0, o.dataStart, o.dataStart, o.size);
            SurveyKeyTable keys = new SurveyKeyTable();
            // Another thread holds stripes 1 to 7 and lets each go only once the commit waits for
            // it: the commit takes stripe 0 when free, then waits for the others one at a time.
            AtomicBoolean finished = new AtomicBoolean();
            CountDownLatch held = new CountDownLatch(1);
            Thread holder = new Thread(() -> {
                for (int s = 1; s < SurveyKeyTable.STRIPES; s++) {
                    keys.stripe(s).lock().lock();
                }
                held.countDown();
                for (int s = 1; s < SurveyKeyTable.STRIPES; s++) {
                    ReentrantLock lock = keys.stripe(s).lock();
                    while (!lock.hasQueuedThreads() && !finished.get()) {
                        Thread.onSpinWait();
                    }
                    lock.unlock();
                }
            });
            holder.setDaemon(true);
            holder.start();
            held.await();
            try {
                reader.commit(c, keys);
            } finally {
                // Lets the other thread go even when the commit fails or stops early.
                finished.set(true);
                holder.join();
            }
            assertThat(reader.duplicates()).isZero();
            assertThat(Arrays.copyOf(reader.counts(), 8)).containsExactly(13, 13, 13, 13, 12, 0, 0, 0);
        }
    }
}
