package dev.csatkit.export;

import dev.csatkit.Violation;
import dev.csatkit.internal.Locales;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.score.Dimension;
import dev.csatkit.score.Period;
import dev.csatkit.score.ReportSpec;
import dev.csatkit.score.SurveyResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One reading thread of a {@link CsvReportReader}: reads a stretch of the file into its own
 * buffer, checks each row and notes what it counts for, then commits checked stretches into the
 * shared key table and its own counts.
 *
 * <p>The rows the exporter writes are checked here from their bytes, materialising only what
 * the report needs: the survey key, the values of the grouping dimensions (looked up by their
 * bytes, so a value seen before costs nothing), the times and the outcome. The other columns are
 * checked without being decoded: a text of at most 256 bytes cannot be over 256 characters. A row
 * this fast check is not sure of — an unusual time, a quoted cell with doubled quotes, white space
 * at the edge of a key, anything it would reject — goes through {@link ResponseRows} over decoded
 * text, the same rules as {@link ResponseCsvReader}, which decide and word the rejection.
 */
final class CsvChunkReader {

    private static final int MAX_TEXT = SurveyResponse.MAX_TEXT_LENGTH;
    private static final int MAX_COMMENT = SurveyResponse.MAX_COMMENT_LENGTH;
    private static final int LOCALE_CACHE_LIMIT = 4_096;
    private static final int ABSENT = -1;
    private static final int INVALID_LOCALE = -2;
    // A row under a speculative start that runs past this is given up: the checked re-read decides.
    private static final int SPECULATIVE_ROW_LIMIT = 16 << 20;
    /** Marks a row whose rating is on the low-score list's side of the threshold. */
    static final int LOW = 0x80;

    private final CsvReportReader.Scan scan;
    private final ReportSpec spec;
    private final RatingScale scale;
    private final ResponseRows rules;
    private final int[] cellOf;
    private final int cells;
    private final CsvRecordScanner scanner = new CsvRecordScanner();
    private final IsoInstantParser times;
    private final SegmentSpace space;
    private final int points;
    private final int width;
    private final int scaleMin;
    private final int[] pointByValue;
    private final int lowThreshold;
    private final boolean lowScores;

    // Grouping: the column of each text dimension (or SURVEY_ID, LOCALE), and caches by bytes.
    private final Dimension[] textDimensions;
    private final int[] groupColumns;
    private final ByteKeyCache[] valueCaches;
    private final int[] valueNumbers;
    private final @Nullable Period period;
    private final ZoneRules zoneRules;
    private final int noneId;
    private final ByteKeyCache locales = new ByteKeyCache();
    private final TupleCache segmentCache;

    // The zone's offset over [offsetFrom, offsetTo), for periods: transitions are rare.
    private long offsetFrom = 1;
    private long offsetTo = 0;
    private int offset;

    // The buffer: file bytes from position base, len of them held; eof when the file ends there.
    private byte[] buf = new byte[1 << 20];
    private long base;
    private int len;
    private boolean eof;

    // What this thread has committed.
    private long[] counts;
    private long duplicates;
    private final Candidates candidates = new Candidates();
    private final SurveyKeyTable.Loser loser = new SurveyKeyTable.Loser();

    CsvChunkReader(CsvReportReader.Scan scan) {
        this.scan = scan;
        this.spec = scan.spec();
        this.scale = spec.scale();
        this.rules = new ResponseRows(scan.header(), scale, spec.zone());
        this.cells = scan.header().cells();
        this.cellOf = new int[ReportTables.RESPONSE_COLUMNS.size()];
        for (int c = 0; c < cellOf.length; c++) {
            cellOf[c] = scan.header().cellOf(c);
        }
        this.times = new IsoInstantParser(spec.zone());
        this.space = scan.space();
        this.points = scale.size();
        this.width = points + 3;
        this.scaleMin = scale.min();
        this.pointByValue = new int[scale.max() - scaleMin + 1];
        Arrays.fill(pointByValue, -1);
        for (int i = 0; i < points; i++) {
            pointByValue[scale.points().get(i).value() - scaleMin] = i;
        }
        this.lowScores = spec.lowScoreThreshold().isPresent();
        this.lowThreshold = spec.lowScoreThreshold().orElse(Integer.MIN_VALUE);
        this.textDimensions = spec.dimensions().stream().filter(d -> d != Dimension.PERIOD).toArray(Dimension[]::new);
        this.groupColumns = new int[textDimensions.length];
        this.valueCaches = new ByteKeyCache[textDimensions.length];
        for (int i = 0; i < textDimensions.length; i++) {
            groupColumns[i] = columnOf(textDimensions[i]);
            valueCaches[i] = new ByteKeyCache();
        }
        this.valueNumbers = new int[textDimensions.length];
        this.period = spec.period().orElse(null);
        this.zoneRules = spec.zone().getRules();
        this.noneId = space.valueId(Dimension.NONE);
        this.segmentCache = new TupleCache(textDimensions.length + 1);
        this.counts = new long[16 * width];
    }

    private static int columnOf(Dimension d) {
        return switch (d) {
            case AGENT -> ResponseRows.AGENT;
            case TEAM -> ResponseRows.TEAM;
            case CHANNEL -> ResponseRows.CHANNEL;
            case ENTRY_POINT -> ResponseRows.ENTRY_POINT;
            case SURVEY -> ResponseRows.SURVEY_ID;
            case LOCALE -> ResponseRows.LOCALE;
            case CASE_TYPE -> ResponseRows.CASE_TYPE;
            case PERIOD -> throw new IllegalArgumentException("not a text dimension");
        };
    }

    // ---------------------------------------------------------------------------------------
    // Reading a stretch

    /**
     * Reads the rows that start in {@code [from, stop)}.
     *
     * @param index the stretch's number
     * @param from where its first row starts, or -1 to take the first line start at or after
     *     {@code guess}: a speculation that {@link CsvReportReader.Scan} checks before committing
     * @param guess where the stretch was cut
     * @param stop where the next stretch was cut
     * @return what the stretch holds
     */
    Chunk read(int index, long from, long guess, long stop) {
        boolean speculative = from < 0;
        long start = speculative ? lineStartFrom(guess) : from;
        Chunk chunk = new Chunk(index, start);
        fill(start);
        int pos = 0;
        long line = 0;
        while (base + pos < stop) {
            int status = scanner.scan(buf, pos, len, eof);
            if (status == CsvRecordScanner.INCOMPLETE) {
                if (speculative && len - pos > SPECULATIVE_ROW_LIMIT) {
                    chunk.start = -1;
                    return chunk;
                }
                refill(pos);
                pos = 0;
                continue;
            }
            if (status == CsvRecordScanner.END) {
                break;
            }
            if (status == CsvRecordScanner.BROKEN) {
                chunk.rows++;
                chunk.reject(line, List.of(Violation.of("row", scanner.problem(),
                        "must be well-formed CSV; reading stopped here")));
                chunk.broken = true;
                break;
            }
            if (!(scanner.count() == 1 && scanner.blank(buf))) {
                chunk.rows++;
                row(base + pos, line, chunk);
            }
            line += scanner.lines();
            pos = scanner.next();
        }
        chunk.end = base + pos;
        chunk.lines = line;
        return chunk;
    }

    /** The first position at or after {@code guess} that follows a line feed. */
    private long lineStartFrom(long guess) {
        fill(guess - 1);
        while (true) {
            for (int i = 0; i < len; i++) {
                if (buf[i] == '\n') {
                    return base + i + 1;
                }
            }
            if (eof) {
                return base + len;
            }
            refill(len);
        }
    }

    private void fill(long from) {
        base = from;
        len = 0;
        eof = false;
        readMore();
    }

    /** Keeps the bytes from {@code keep} on, moved to the front, and reads more after them. */
    private void refill(int keep) {
        System.arraycopy(buf, keep, buf, 0, len - keep);
        len -= keep;
        base += keep;
        if (len == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        readMore();
    }

    private void readMore() {
        FileChannel channel = scan.channel();
        try {
            ByteBuffer target = ByteBuffer.wrap(buf, len, buf.length - len);
            while (target.hasRemaining()) {
                int n = channel.read(target, base + target.position());
                if (n < 0) {
                    eof = true;
                    break;
                }
            }
            len = target.position();
            if (base + len >= scan.size()) {
                eof = true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the CSV", e);
        }
    }

    // ---------------------------------------------------------------------------------------
    // Checking a row

    private int cellStart(int column) {
        int c = cellOf[column];
        return c < 0 ? 0 : scanner.start(c);
    }

    private int cellEnd(int column) {
        int c = cellOf[column];
        return c < 0 ? 0 : scanner.end(c);
    }

    private boolean escaped(int column) {
        int c = cellOf[column];
        return c >= 0 && scanner.escaped(c);
    }

    private void row(long position, long line, Chunk chunk) {
        if (scanner.count() != cells) {
            chunk.reject(line, List.of(rules.cellCount(scanner.count())));
            return;
        }
        if (!fastRow(position, chunk)) {
            exactRow(position, line, chunk);
        }
    }

    /**
     * Checks a row from its bytes and notes it.
     *
     * @return false, having noted nothing, when the row needs the exact rules
     */
    private boolean fastRow(long position, Chunk chunk) {
        byte[] b = buf;
        // The survey key: plain ASCII with no white space at its edges, as the exporter writes ids.
        int idStart = keyStart(b, ResponseRows.INTERACTION_ID);
        if (idStart < 0) {
            return false;
        }
        int idEnd = cellEnd(ResponseRows.INTERACTION_ID);
        int surveyStart = keyStart(b, ResponseRows.SURVEY_ID);
        if (surveyStart < 0) {
            return false;
        }
        int surveyEnd = cellEnd(ResponseRows.SURVEY_ID);

        if (escaped(ResponseRows.SENT_AT) || !times.parse(b, cellStart(ResponseRows.SENT_AT), cellEnd(ResponseRows.SENT_AT))) {
            return false;
        }
        long sentSeconds = times.seconds();
        int sentNanos = times.nanos();
        if (sentSeconds < ResponseRows.MIN_EPOCH_SECOND || sentSeconds >= ResponseRows.END_EPOCH_SECOND) {
            return false;
        }
        long replySeconds = sentSeconds;
        int replyNanos = sentNanos;
        int rs = cellStart(ResponseRows.RESPONDED_AT);
        int re = cellEnd(ResponseRows.RESPONDED_AT);
        if (rs != re) {
            if (escaped(ResponseRows.RESPONDED_AT) || !times.parse(b, rs, re)) {
                return false;
            }
            replySeconds = times.seconds();
            replyNanos = times.nanos();
            if (replySeconds < ResponseRows.MIN_EPOCH_SECOND || replySeconds >= ResponseRows.END_EPOCH_SECOND
                    || replySeconds < sentSeconds || replySeconds == sentSeconds && replyNanos < sentNanos) {
                return false;
            }
        }

        int point = -1;
        int ss = cellStart(ResponseRows.SCORE);
        int se = cellEnd(ResponseRows.SCORE);
        if (ss != se) {
            if (se - ss > 9 || escaped(ResponseRows.SCORE)) {
                return false;
            }
            int value = 0;
            for (int i = ss; i < se; i++) {
                int d = b[i] - '0';
                if (d < 0 || d > 9) {
                    return false;
                }
                value = value * 10 + d;
            }
            int offsetInScale = value - scaleMin;
            if (offsetInScale < 0 || offsetInScale >= pointByValue.length || pointByValue[offsetInScale] < 0) {
                return false;
            }
            point = pointByValue[offsetInScale];
        }
        int invalid = flag(b, ResponseRows.INVALID);
        int late = flag(b, ResponseRows.LATE);
        if ((invalid | late) < 0) {
            return false;
        }
        int locale = locale(b);
        if (locale == INVALID_LOCALE) {
            return false;
        }
        if (tooLong(ResponseRows.CHANNEL, MAX_TEXT) || tooLong(ResponseRows.AGENT, MAX_TEXT)
                || tooLong(ResponseRows.TEAM, MAX_TEXT) || tooLong(ResponseRows.ENTRY_POINT, MAX_TEXT)
                || tooLong(ResponseRows.CASE_TYPE, MAX_TEXT) || tooLong(ResponseRows.COMMENT, MAX_COMMENT)) {
            return false;
        }

        // Every check passed: note the row.
        int slot = invalid == 1 ? points + 1 : late == 1 ? points + 2 : point >= 0 ? point : points;
        boolean low = lowScores && invalid == 0 && late == 0 && point >= 0
                && scale.points().get(point).value() <= lowThreshold;
        int segment = segmentOf(b, surveyStart, surveyEnd, locale, sentSeconds);
        chunk.add(b, idStart, idEnd, surveyStart, surveyEnd, position, segment, slot | (low ? LOW : 0));
        if (low) {
            chunk.candidate(position, replySeconds, replyNanos, sentSeconds, sentNanos);
        }
        return true;
    }

    /** Where a key cell's text starts, or -1 when its bytes are not exactly its text. */
    private int keyStart(byte[] b, int column) {
        if (cellOf[column] < 0 || escaped(column)) {
            return -1;
        }
        int s = cellStart(column);
        int e = cellEnd(column);
        if (s < e && b[s] == '\'') {
            s++; // the formula guard the exporter adds
        }
        // Signed bytes: anything non-ASCII is negative, so "> ' '" also keeps to ASCII at the edges.
        if (s >= e || e - s > MAX_TEXT || b[s] <= ' ' || b[e - 1] <= ' ') {
            return -1;
        }
        for (int i = s + 1; i < e - 1; i++) {
            if (b[i] < 0) {
                return -1;
            }
        }
        return s;
    }

    /** @return 1 for true, 0 for false or empty, -1 for anything else */
    private int flag(byte[] b, int column) {
        int s = cellStart(column);
        int e = cellEnd(column);
        if (s == e) {
            return 0;
        }
        if (escaped(column)) {
            return -1;
        }
        if (e - s == 5 && b[s] == 'f' && b[s + 1] == 'a' && b[s + 2] == 'l' && b[s + 3] == 's' && b[s + 4] == 'e') {
            return 0;
        }
        if (e - s == 4 && b[s] == 't' && b[s + 1] == 'r' && b[s + 2] == 'u' && b[s + 3] == 'e') {
            return 1;
        }
        return -1;
    }

    private boolean tooLong(int column, int max) {
        return cellEnd(column) - cellStart(column) > max;
    }

    /** @return the number of the locale's tag, {@link #ABSENT} or {@link #INVALID_LOCALE} */
    private int locale(byte[] b) {
        int s = cellStart(ResponseRows.LOCALE);
        int e = cellEnd(ResponseRows.LOCALE);
        if (s == e) {
            return ABSENT;
        }
        if (escaped(ResponseRows.LOCALE)) {
            return INVALID_LOCALE;
        }
        int hash = ByteKeyCache.hash(b, s, e);
        int known = locales.get(b, s, e, hash);
        if (known != -1) {
            return known;
        }
        String text = FormulaGuard.restore(new String(b, s, e - s, StandardCharsets.UTF_8).strip());
        int result;
        if (text.isEmpty()) {
            result = ABSENT;
        } else {
            Optional<Locale> parsed = Locales.parse(text);
            result = parsed.isPresent() ? space.valueId(parsed.get().toLanguageTag()) : INVALID_LOCALE;
        }
        if (locales.size() < LOCALE_CACHE_LIMIT) {
            locales.put(b, s, e, hash, result);
        }
        return result;
    }

    private int segmentOf(byte[] b, int surveyStart, int surveyEnd, int locale, long sentSeconds) {
        if (space.single()) {
            return 0;
        }
        for (int i = 0; i < textDimensions.length; i++) {
            int column = groupColumns[i];
            int value;
            if (column == ResponseRows.LOCALE) {
                value = locale >= 0 ? locale : noneId;
            } else if (column == ResponseRows.SURVEY_ID) {
                value = cachedValue(i, b, surveyStart, surveyEnd, true);
            } else if (cellOf[column] < 0) {
                value = noneId;
            } else if (escaped(column)) {
                value = space.valueId(dimensionValue(scanner.text(b, cellOf[column])));
            } else {
                value = cachedValue(i, b, cellStart(column), cellEnd(column), false);
            }
            valueNumbers[i] = value;
        }
        if (space.valueIsSegment()) {
            return valueNumbers[0];
        }
        return segmentOf(valueNumbers, period == null ? 0 : ordinal(sentSeconds));
    }

    private int cachedValue(int dimension, byte[] b, int s, int e, boolean exact) {
        ByteKeyCache cache = valueCaches[dimension];
        int hash = ByteKeyCache.hash(b, s, e);
        int id = cache.get(b, s, e, hash);
        if (id < 0) {
            String text = new String(b, s, e - s, StandardCharsets.UTF_8);
            id = space.valueId(exact ? text : dimensionValue(text));
            cache.put(b, s, e, hash, id);
        }
        return id;
    }

    /** A dimension value as a response holds it: stripped, formula guard removed, stripped again. */
    private static String dimensionValue(String cell) {
        String v = FormulaGuard.restore(cell.strip()).strip();
        return v.isEmpty() ? Dimension.NONE : v;
    }

    private int segmentOf(int[] numbers, long periodOrdinal) {
        int w = numbers.length;
        long[] probe = segmentCache.probe;
        for (int i = 0; i < w; i++) {
            probe[i] = numbers[i];
        }
        probe[w] = periodOrdinal;
        int id = segmentCache.get();
        if (id < 0) {
            id = space.segmentId(numbers, periodOrdinal);
            segmentCache.put(id);
        }
        return id;
    }

    /** The period ordinal of an instant, as {@link Period#ordinalOf} computes it. */
    private long ordinal(long epochSecond) {
        if (epochSecond < offsetFrom || epochSecond >= offsetTo) {
            Instant at = Instant.ofEpochSecond(epochSecond);
            offset = zoneRules.getOffset(at).getTotalSeconds();
            ZoneOffsetTransition previous = zoneRules.previousTransition(at.plusSeconds(1));
            ZoneOffsetTransition next = zoneRules.nextTransition(at);
            offsetFrom = previous == null ? Long.MIN_VALUE : previous.toEpochSecond();
            offsetTo = next == null ? Long.MAX_VALUE : next.toEpochSecond();
        }
        return Objects.requireNonNull(period).ordinalOfEpochDay(Math.floorDiv(epochSecond + offset, 86_400L));
    }

    /** A row through the exact rules, over its decoded cells. */
    private void exactRow(long position, long line, Chunk chunk) {
        CsvRow row = rules.toRow(scanner.texts(buf), line);
        if (row instanceof CsvRow.Rejected r) {
            chunk.reject(line, r.violations());
        } else if (row instanceof CsvRow.Accepted a) {
            accepted(a.response(), position, chunk);
        }
    }

    private void accepted(SurveyResponse r, long position, Chunk chunk) {
        byte[] id = r.interactionId().getBytes(StandardCharsets.UTF_8);
        byte[] survey = r.surveyId().getBytes(StandardCharsets.UTF_8);
        byte[] key = new byte[id.length + 1 + survey.length];
        System.arraycopy(id, 0, key, 0, id.length);
        key[id.length] = (byte) 0xFF;
        System.arraycopy(survey, 0, key, id.length + 1, survey.length);
        int slot;
        if (r.invalid()) {
            slot = points + 1;
        } else if (r.late()) {
            slot = points + 2;
        } else if (r.score().isPresent()) {
            slot = pointByValue[r.score().getAsInt() - scaleMin];
        } else {
            slot = points;
        }
        boolean low = lowScores && r.isRating() && r.score().getAsInt() <= lowThreshold;
        int segment = 0;
        if (!space.single()) {
            for (int i = 0; i < textDimensions.length; i++) {
                valueNumbers[i] = space.valueId(valueOf(textDimensions[i], r));
            }
            segment = space.valueIsSegment() ? valueNumbers[0]
                    : segmentOf(valueNumbers, period == null ? 0 : ordinal(r.sentAt().getEpochSecond()));
        }
        chunk.add(key, 0, id.length, id.length + 1, key.length, position, segment, slot | (low ? LOW : 0));
        if (low) {
            Instant reply = r.respondedAt().orElse(r.sentAt());
            chunk.candidate(position, reply.getEpochSecond(), reply.getNano(), r.sentAt().getEpochSecond(),
                    r.sentAt().getNano());
        }
    }

    private static String valueOf(Dimension d, SurveyResponse r) {
        return switch (d) {
            case AGENT -> r.agent().orElse(Dimension.NONE);
            case TEAM -> r.team().orElse(Dimension.NONE);
            case CHANNEL -> r.channel().orElse(Dimension.NONE);
            case ENTRY_POINT -> r.entryPoint().orElse(Dimension.NONE);
            case SURVEY -> r.surveyId();
            case LOCALE -> r.locale().map(Locale::toLanguageTag).orElse(Dimension.NONE);
            case CASE_TYPE -> r.caseType().orElse(Dimension.NONE);
            case PERIOD -> throw new IllegalArgumentException("not a text dimension");
        };
    }

    // ---------------------------------------------------------------------------------------
    // Committing

    /** Counts a checked stretch: each row in its segment, less the rows its keys displace. */
    void commit(Chunk chunk, SurveyKeyTable keys) {
        for (int i = 0; i < chunk.size; i++) {
            int segment = chunk.segments[i];
            int slot = chunk.slots[i] & 0xFF;
            count(segment, slot & ~LOW, 1);
            int keyStart = i == 0 ? 0 : chunk.keyEnds[i - 1];
            if (keys.put(chunk.hashes[i], chunk.keys, keyStart, chunk.keyEnds[i] - keyStart, chunk.positions[i],
                    segment, (byte) slot, loser)) {
                duplicates++;
                int lost = loser.slot & 0xFF;
                count(loser.segment, lost & ~LOW, -1);
                if ((lost & LOW) != 0) {
                    scan.superseded(loser.position);
                }
            }
        }
        candidates.addAll(chunk.candidates);
    }

    private void count(int segment, int slot, long n) {
        int at = segment * width + slot;
        if (at >= counts.length) {
            counts = Arrays.copyOf(counts, Math.max(counts.length * 2, (segment + 1) * width));
        }
        counts[at] += n;
    }

    /** @return this thread's counts, {@code points + 3} per segment number */
    long[] counts() {
        return counts;
    }

    /** @return the duplicates this thread's commits found */
    long duplicates() {
        return duplicates;
    }

    /** @return the low-score rows this thread committed */
    Candidates candidates() {
        return candidates;
    }

    // ---------------------------------------------------------------------------------------
    // Row data

    /** Low-score rows: where they are and their times, to pick the newest at the end. */
    static final class Candidates {
        long[] positions = new long[16];
        long[] replySeconds = new long[16];
        int[] replyNanos = new int[16];
        long[] sentSeconds = new long[16];
        int[] sentNanos = new int[16];
        int size;

        void add(long position, long replySecond, int replyNano, long sentSecond, int sentNano) {
            if (size == positions.length) {
                int n = size * 2;
                positions = Arrays.copyOf(positions, n);
                replySeconds = Arrays.copyOf(replySeconds, n);
                replyNanos = Arrays.copyOf(replyNanos, n);
                sentSeconds = Arrays.copyOf(sentSeconds, n);
                sentNanos = Arrays.copyOf(sentNanos, n);
            }
            positions[size] = position;
            replySeconds[size] = replySecond;
            replyNanos[size] = replyNano;
            sentSeconds[size] = sentSecond;
            sentNanos[size] = sentNano;
            size++;
        }

        void addAll(Candidates other) {
            for (int i = 0; i < other.size; i++) {
                add(other.positions[i], other.replySeconds[i], other.replyNanos[i], other.sentSeconds[i],
                        other.sentNanos[i]);
            }
        }
    }

    /** What one stretch of the file holds, before it is committed. */
    static final class Chunk {
        final int index;
        long start;
        long end;
        long lines;
        long rows;
        boolean broken;
        final List<CsvRow.Rejected> rejected = new ArrayList<>();
        // One entry per accepted row: its key's hash and bytes, position, segment and slot.
        int size;
        long[] hashes = new long[1024];
        long[] positions = new long[1024];
        int[] segments = new int[1024];
        byte[] slots = new byte[1024];
        int[] keyEnds = new int[1024];
        byte[] keys = new byte[16 * 1024];
        final Candidates candidates = new Candidates();

        Chunk(int index, long start) {
            this.index = index;
            this.start = start;
        }

        void reject(long line, List<Violation> violations) {
            rejected.add(new CsvRow.Rejected(line, violations));
        }

        void candidate(long position, long replySecond, int replyNano, long sentSecond, int sentNano) {
            candidates.add(position, replySecond, replyNano, sentSecond, sentNano);
        }

        /** Notes an accepted row; its key is the id's bytes, 0xFF (never in UTF-8), the survey's bytes. */
        void add(byte[] b, int idStart, int idEnd, int surveyStart, int surveyEnd, long position, int segment,
                int slot) {
            if (size == positions.length) {
                int n = size * 2;
                hashes = Arrays.copyOf(hashes, n);
                positions = Arrays.copyOf(positions, n);
                segments = Arrays.copyOf(segments, n);
                slots = Arrays.copyOf(slots, n);
                keyEnds = Arrays.copyOf(keyEnds, n);
            }
            int from = size == 0 ? 0 : keyEnds[size - 1];
            int need = from + (idEnd - idStart) + 1 + (surveyEnd - surveyStart);
            if (need > keys.length) {
                keys = Arrays.copyOf(keys, Math.max(keys.length * 2, need));
            }
            byte[] k = keys;
            int p = from;
            long h = 0xcbf29ce484222325L;
            for (int i = idStart; i < idEnd; i++) {
                byte c = b[i];
                k[p++] = c;
                h = (h ^ c) * 0x100000001b3L;
            }
            k[p++] = (byte) 0xFF;
            h = (h ^ 0xFF) * 0x100000001b3L;
            for (int i = surveyStart; i < surveyEnd; i++) {
                byte c = b[i];
                k[p++] = c;
                h = (h ^ c) * 0x100000001b3L;
            }
            // FNV-1a, finished with MurmurHash3's mix: the key table takes both its high and low bits.
            h ^= h >>> 33;
            h *= 0xff51afd7ed558ccdL;
            h ^= h >>> 33;
            h *= 0xc4ceb9fe1a85ec53L;
            h ^= h >>> 33;
            hashes[size] = h;
            positions[size] = position;
            segments[size] = segment;
            slots[size] = (byte) slot;
            keyEnds[size] = p;
            size++;
        }
    }

    /** Segment numbers by value numbers and period, for this thread: no lock per row. */
    private static final class TupleCache {
        final long[] probe;
        private final int width;
        private long[] keys;
        private int[] ids;
        private int size;

        TupleCache(int width) {
            this.width = width;
            this.probe = new long[width];
            this.keys = new long[64 * width];
            this.ids = new int[64];
            Arrays.fill(ids, -1);
        }

        private int slotOf(long[] table, int[] idTable) {
            long h = 0;
            for (long v : probe) {
                h = (h + v) * 0x9E3779B97F4A7C15L;
            }
            int mask = idTable.length - 1;
            int i = (int) (h >>> 40) & mask;
            while (idTable[i] >= 0) {
                if (Arrays.equals(table, i * width, i * width + width, probe, 0, width)) {
                    return i;
                }
                i = (i + 1) & mask;
            }
            return i;
        }

        int get() {
            return ids[slotOf(keys, ids)];
        }

        void put(int id) {
            if ((size + 1) * 2 > ids.length) {
                long[] oldKeys = keys;
                int[] oldIds = ids;
                keys = new long[oldKeys.length * 2];
                ids = new int[oldIds.length * 2];
                Arrays.fill(ids, -1);
                long[] saved = probe.clone();
                for (int j = 0; j < oldIds.length; j++) {
                    if (oldIds[j] >= 0) {
                        System.arraycopy(oldKeys, j * width, probe, 0, width);
                        int i = slotOf(keys, ids);
                        System.arraycopy(probe, 0, keys, i * width, width);
                        ids[i] = oldIds[j];
                    }
                }
                System.arraycopy(saved, 0, probe, 0, width);
            }
            int i = slotOf(keys, ids);
            System.arraycopy(probe, 0, keys, i * width, width);
            ids[i] = id;
            size++;
        }
    }
}
