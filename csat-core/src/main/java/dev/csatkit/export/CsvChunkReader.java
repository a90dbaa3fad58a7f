package dev.csatkit.export;

import dev.csatkit.Violation;
import dev.csatkit.internal.Locales;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.score.Dimension;
import dev.csatkit.score.Period;
import dev.csatkit.score.ReportSpec;
import dev.csatkit.score.SurveyResponse;
import dev.csatkit.survey.Question;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
 *
 * <p>In a file with a {@code question_id} column, a row of the primary question (the cell empty
 * or {@code csat}) takes the fast path; a row of a further question takes the exact one and is
 * counted apart, on its question's scale, under its own key (the survey's and the question's),
 * so that it neither displaces nor is displaced by the primary question's row.
 */
final class CsvChunkReader {

    private static final int MAX_TEXT = SurveyResponse.MAX_TEXT_LENGTH;
    private static final int MAX_COMMENT = SurveyResponse.MAX_COMMENT_LENGTH;
    private static final int MAX_KEYS = SurveyResponse.MAX_KEYS;
    private static final int LOCALE_CACHE_LIMIT = 4_096;
    private static final int ABSENT = -1;
    private static final int INVALID_LOCALE = -2;
    private static final int REFILL_MARGIN = 64 << 10;
    // A row under a speculative start that runs past this is given up: the checked re-read decides.
    private static final int SPECULATIVE_ROW_LIMIT = 16 << 20;
    /** Marks a row whose rating is on the low-score list's side of the threshold. */
    static final int LOW = 0x80;
    // "false" and "true" as little-endian words.
    private static final long FALSE = 'f' | 'a' << 8 | 'l' << 16 | (long) 's' << 24 | (long) 'e' << 32;
    private static final long TRUE = 't' | 'r' << 8 | 'u' << 16 | (long) 'e' << 24;

    private final CsvReportReader.Scan scan;
    private final ReportSpec spec;
    private final RatingScale scale;
    private final ResponseRows rules;
    private final int cells;
    // The cell of each column; a column the file lacks points at the empty cell after the last.
    private final int idCell;
    private final int surveyCell;
    private final int channelCell;
    private final int agentCell;
    private final int teamCell;
    private final int entryPointCell;
    private final int localeCell;
    private final int caseTypeCell;
    private final int contactKeyCell;
    private final int regionCell;
    private final int brandCell;
    private final int keysCell;
    private final int sentCell;
    private final int repliedCell;
    private final int scoreCell;
    private final int commentCell;
    private final int invalidCell;
    private final int lateCell;
    private final int questionCell;
    private final boolean hasQuestions;
    // The value number of the primary question's id, for grouping by question.
    private final int primaryQuestionId;
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
    private final int[] groupCells;
    // One plain text dimension and no period: a row's segment is its one value's number.
    private final boolean oneValue;
    private final ByteKeyCache[] valueCaches;
    private final int[] valueNumbers;
    private final @Nullable Period period;
    private final ZoneRules zoneRules;
    private final int noneId;
    private final ByteKeyCache locales = new ByteKeyCache();
    private final TupleCache segmentCache;
    private int lastLocaleLength = -1;
    private long lastLocaleWord;
    private int lastLocale;

    // The zone's offset over [offsetFrom, offsetTo), for periods: transitions are rare.
    private long offsetFrom = 1;
    private long offsetTo = 0;
    private int offset;

    // The buffer: file bytes from position base, len of them held; eof when the file ends there.
    private byte[] buf;
    private long base;
    private int len;
    private boolean eof;

    // What this thread has committed.
    private long[] counts;
    // Rows of further questions, questionWidth counts per question segment.
    private long[] questionCounts;
    private final int questionWidth;
    private long duplicates;
    // Where the key table's prefetching reads go, so that they are not dropped as unused.
    private long touched;
    // Rows the fast check handed to the exact rules: the rows the exporter writes should not be.
    private long exactRows;
    private final Candidates candidates = new Candidates();
    private final SurveyKeyTable.Loser loser = new SurveyKeyTable.Loser();

    CsvChunkReader(CsvReportReader.Scan scan) {
        this.scan = scan;
        this.spec = scan.spec();
        this.scale = spec.scale();
        this.rules = new ResponseRows(scan.header(), scale, spec.questionScales(), spec.zone());
        this.cells = scan.header().cells();
        this.idCell = cellOf(ResponseRows.INTERACTION_ID);
        this.surveyCell = cellOf(ResponseRows.SURVEY_ID);
        this.channelCell = cellOf(ResponseRows.CHANNEL);
        this.agentCell = cellOf(ResponseRows.AGENT);
        this.teamCell = cellOf(ResponseRows.TEAM);
        this.entryPointCell = cellOf(ResponseRows.ENTRY_POINT);
        this.localeCell = cellOf(ResponseRows.LOCALE);
        this.caseTypeCell = cellOf(ResponseRows.CASE_TYPE);
        this.contactKeyCell = cellOf(ResponseRows.CONTACT_KEY);
        this.regionCell = cellOf(ResponseRows.REGION);
        this.brandCell = cellOf(ResponseRows.BRAND);
        this.keysCell = cellOf(ResponseRows.KEYS);
        this.sentCell = cellOf(ResponseRows.SENT_AT);
        this.repliedCell = cellOf(ResponseRows.RESPONDED_AT);
        this.scoreCell = cellOf(ResponseRows.SCORE);
        this.commentCell = cellOf(ResponseRows.COMMENT);
        this.invalidCell = cellOf(ResponseRows.INVALID);
        this.lateCell = cellOf(ResponseRows.LATE);
        this.questionCell = cellOf(ResponseRows.QUESTION_ID);
        this.hasQuestions = questionCell < cells;
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
        this.groupCells = new int[textDimensions.length];
        this.valueCaches = new ByteKeyCache[textDimensions.length];
        for (int i = 0; i < textDimensions.length; i++) {
            groupColumns[i] = columnOf(textDimensions[i]);
            groupCells[i] = cellOf(groupColumns[i]);
            valueCaches[i] = new ByteKeyCache();
        }
        this.oneValue = space.valueIsSegment() && groupColumns[0] != ResponseRows.SURVEY_ID
                && groupColumns[0] != ResponseRows.LOCALE && groupColumns[0] != ResponseRows.QUESTION_ID;
        this.primaryQuestionId = space.valueId(Question.PRIMARY_ID);
        this.valueNumbers = new int[textDimensions.length];
        this.period = spec.period().orElse(null);
        this.zoneRules = spec.zone().getRules();
        this.noneId = space.valueId(Dimension.NONE);
        this.segmentCache = new TupleCache(textDimensions.length + 1);
        this.counts = new long[16 * width];
        this.questionWidth = questionWidth(spec);
        this.questionCounts = new long[0];
        // 1 MiB at a time, or the whole file when it is smaller.
        this.buf = new byte[(int) Math.min(1 << 20, Math.max(4096, scan.size() + 1)) + CsvRecordScanner.PADDING];
    }

    /** Room for the counts of any question's scale: its points, then unanswered, invalid and late. */
    static int questionWidth(ReportSpec spec) {
        int points = spec.scale().size();
        for (RatingScale s : spec.questionScales().values()) {
            points = Math.max(points, s.size());
        }
        return points + 3;
    }

    private int cellOf(int column) {
        int cell = scan.header().cellOf(column);
        return cell < 0 ? cells : cell;
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
            case QUESTION -> ResponseRows.QUESTION_ID;
            case CONTACT -> ResponseRows.CONTACT_KEY;
            case REGION -> ResponseRows.REGION;
            case BRAND -> ResponseRows.BRAND;
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
        Chunk chunk = scan.chunk(index, start, stop - start);
        fill(start, stop - start + (64 << 10));
        int pos = 0;
        long line = 0;
        while (base + pos < stop) {
            // Refill well before the end of the buffer, so that a row almost never runs past it:
            // the scanner's paths for a cut row then stay cold and out of its compiled code.
            if (len - pos < REFILL_MARGIN && !eof) {
                refill(pos);
                pos = 0;
            }
            int status = scanner.scan(buf, pos, len, eof);
            if (status != CsvRecordScanner.FOUND) {
                if (status == CsvRecordScanner.INCOMPLETE) {
                    if (speculative && len - pos > SPECULATIVE_ROW_LIMIT) {
                        chunk.start = -1;
                        return chunk;
                    }
                    refill(pos);
                    pos = 0;
                    continue;
                }
                if (status == CsvRecordScanner.BROKEN) {
                    chunk.rows++;
                    // Worded as the row-by-row reader words it; the row itself can hold a comment.
                    chunk.reject(line, List.of(new Violation("row", "(not shown)",
                            "must be well-formed CSV (a quote left open, or a character after a closing quote); "
                            + "reading stopped here")));
                    chunk.broken = true;
                }
                break;
            }
            if (scanner.count() != 1 || !scanner.blank(buf)) {
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
        fill(guess - 1, 4096);
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

    /** Reads about {@code want} bytes from {@code from}; a short stretch needs no full buffer. */
    private void fill(long from, long want) {
        base = from;
        len = 0;
        eof = false;
        readMore((int) Math.min(buf.length - CsvRecordScanner.PADDING, Math.max(want, 4096)));
    }

    /** Keeps the bytes from {@code keep} on, moved to the front, and reads more after them. */
    private void refill(int keep) {
        System.arraycopy(buf, keep, buf, 0, len - keep);
        len -= keep;
        base += keep;
        if (len + CsvRecordScanner.PADDING >= buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        readMore(buf.length - CsvRecordScanner.PADDING);
    }

    /** Reads until {@code upTo} bytes are held or the file ends. */
    private void readMore(int upTo) {
        FileChannel channel = scan.channel();
        try {
            ByteBuffer target = ByteBuffer.wrap(buf, len, upTo - len);
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
     * <p>The checks mostly fold into one number, {@code bad}, that turns negative when any fails
     * (a length past its limit, a byte that is not a digit, a time out of range), tested once at
     * the end: in the first few hundred milliseconds most rows run in code the JIT is still
     * profiling, which counts every branch, and this way a row costs a few branches, not dozens.
     *
     * @return false, having noted nothing, when the row needs the exact rules
     */
    private boolean fastRow(long position, Chunk chunk) {
        if (scanner.escaped()) {
            return false;
        }
        byte[] b = buf;
        int[] st = scanner.starts();
        int[] en = scanner.ends();
        // A column the file lacks reads as the empty cell after the last.
        st[cells] = 0;
        en[cells] = 0;

        // The survey key: plain ASCII with no white space at its edges, as the exporter writes ids.
        int idStart = st[idCell];
        idStart += apostrophe(b[idStart]);
        int idEnd = en[idCell];
        int surveyStart = st[surveyCell];
        surveyStart += apostrophe(b[surveyStart]);
        int surveyEnd = en[surveyCell];
        int idLength = idEnd - idStart;
        int surveyLength = surveyEnd - surveyStart;
        if ((idLength - 1 | surveyLength - 1) < 0) {
            return false;
        }
        // A further question's row is counted apart, by the exact rules.
        if (hasQuestions && !primaryQuestion(b, st[questionCell], en[questionCell])) {
            return false;
        }
        // Signed bytes: anything non-ASCII is negative, so "- 33" also keeps the edges to ASCII.
        long bad = (MAX_TEXT - idLength) | (MAX_TEXT - surveyLength) | (b[idStart] - 33) | (b[idEnd - 1] - 33)
                | (b[surveyStart] - 33) | (b[surveyEnd - 1] - 33);

        if (!times.parse(b, st[sentCell], en[sentCell])) {
            return false;
        }
        long sentSeconds = times.seconds();
        int sentNanos = times.nanos();
        long replySeconds = sentSeconds;
        int replyNanos = sentNanos;
        int rs = st[repliedCell];
        int re = en[repliedCell];
        if (rs != re) {
            if (!times.parse(b, rs, re)) {
                return false;
            }
            replySeconds = times.seconds();
            replyNanos = times.nanos();
        }
        bad |= (sentSeconds - ResponseRows.MIN_EPOCH_SECOND) | (ResponseRows.END_EPOCH_SECOND - 1 - sentSeconds)
                | (ResponseRows.END_EPOCH_SECOND - 1 - replySeconds) | (replySeconds - sentSeconds);
        if (replySeconds == sentSeconds && replyNanos < sentNanos) {
            return false;
        }

        // The score: none, or one or two digits on the scale.
        int point = -1;
        int ss = st[scoreCell];
        int scoreLength = en[scoreCell] - ss;
        if (scoreLength != 0) {
            int d0 = b[ss] - '0';
            int d1 = b[ss + 1] - '0';
            int value;
            if (scoreLength == 1) {
                value = d0;
                bad |= d0 | (9 - d0);
            } else {
                value = d0 * 10 + d1;
                bad |= (2 - scoreLength) | d0 | (9 - d0) | d1 | (9 - d1);
            }
            int index = value - scaleMin;
            bad |= index | (pointByValue.length - 1 - index);
            if (bad < 0) {
                return false;
            }
            point = pointByValue[index];
            bad |= point;
        }
        long invalid = flag(b, st[invalidCell], en[invalidCell]);
        long late = flag(b, st[lateCell], en[lateCell]);
        int locale = locale(b, st[localeCell], en[localeCell]);
        // ABSENT is -1 and INVALID_LOCALE -2: only an invalid locale makes this negative.
        bad |= -((invalid | late) >>> 1) | (locale + 1)
                | (MAX_TEXT - (en[channelCell] - st[channelCell])) | (MAX_TEXT - (en[agentCell] - st[agentCell]))
                | (MAX_TEXT - (en[teamCell] - st[teamCell])) | (MAX_TEXT - (en[entryPointCell] - st[entryPointCell]))
                | (MAX_TEXT - (en[caseTypeCell] - st[caseTypeCell]))
                | (MAX_TEXT - (en[contactKeyCell] - st[contactKeyCell])) | (MAX_TEXT - (en[regionCell] - st[regionCell]))
                | (MAX_TEXT - (en[brandCell] - st[brandCell])) | (MAX_KEYS - (en[keysCell] - st[keysCell]))
                | (MAX_COMMENT - (en[commentCell] - st[commentCell]));
        if (bad < 0 || !Bytes.ascii(b, idStart, idEnd) || !Bytes.ascii(b, surveyStart, surveyEnd)
                || !printable(b, st[keysCell], en[keysCell])) {
            return false;
        }

        // Every check passed: note the row.
        int slot = invalid != 0 ? points + 1 : late != 0 ? points + 2 : point >= 0 ? point : points;
        boolean low = lowScores && slot == point && scale.points().get(point).value() <= lowThreshold;
        int segment = oneValue ? cachedValue(0, b, st[groupCells[0]], en[groupCells[0]], false)
                : segmentOf(b, st, en, surveyStart, surveyEnd, locale, sentSeconds);
        chunk.add(b, idStart, idEnd, surveyStart, surveyEnd, position, segment, slot | (low ? LOW : 0));
        if (low) {
            chunk.candidate(position, replySeconds, replyNanos, sentSeconds, sentNanos);
        }
        return true;
    }

    /**
     * @return whether {@code b[s, e)} is printable ASCII: keys with a line break or a control
     *     character, which a response refuses, go to the exact rules to be named there
     */
    private static boolean printable(byte[] b, int s, int e) {
        for (int i = s; i < e; i++) {
            if (b[i] < 0x20 || b[i] > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /** @return whether a question cell is empty or exactly the primary question's id */
    private static boolean primaryQuestion(byte[] b, int s, int e) {
        int length = e - s;
        return length == 0 || length == 4 && b[s] == 'c' && b[s + 1] == 's' && b[s + 2] == 'a' && b[s + 3] == 't';
    }

    /** @return 1 when the byte is the apostrophe the exporter puts before a formula-like cell, else 0 */
    private static int apostrophe(byte c) {
        return (((c ^ '\'') & 0xFF) - 1) >>> 31;
    }

    /**
     * Reads a flag cell as the exporter writes it.
     *
     * @return bit 0: true; bit 1: not one of {@code true}, {@code false} or empty, for the exact rules
     */
    private static long flag(byte[] b, int s, int e) {
        int length = e - s;
        long w = Bytes.word(b, s);
        long isFalse = 1 - Bytes.nonZero((length - 5) | ((w & 0xFF_FFFF_FFFFL) ^ FALSE));
        long isTrue = 1 - Bytes.nonZero((length - 4) | ((w & 0xFFFF_FFFFL) ^ TRUE));
        long isEmpty = 1 - Bytes.nonZero(length);
        return isTrue | (1 - (isFalse | isTrue | isEmpty)) << 1;
    }

    /** @return the number of the locale's tag, {@link #ABSENT} or {@link #INVALID_LOCALE} */
    private int locale(byte[] b, int s, int e) {
        int length = e - s;
        if (length == 0) {
            return ABSENT;
        }
        // Most files hold a few locales in long runs: the last one is compared first, as a word.
        if (length == lastLocaleLength && length <= 8 && ((Bytes.word(b, s) ^ lastLocaleWord) & lowBytes(length)) == 0) {
            return lastLocale;
        }
        int hash = ByteKeyCache.hash(b, s, e);
        int known = locales.get(b, s, e, hash);
        int result = known != -1 ? known : newLocale(b, s, e, hash);
        lastLocaleLength = length;
        lastLocaleWord = Bytes.word(b, s);
        lastLocale = result;
        return result;
    }

    private static long lowBytes(int n) {
        return n >= 8 ? -1L : (1L << (n << 3)) - 1;
    }

    /** A locale cell not seen before: parsed as the exact rules parse it, then cached by its bytes. */
    private int newLocale(byte[] b, int s, int e, int hash) {
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

    private int segmentOf(byte[] b, int[] st, int[] en, int surveyStart, int surveyEnd, int locale,
            long sentSeconds) {
        if (space.single()) {
            return 0;
        }
        for (int i = 0; i < textDimensions.length; i++) {
            int column = groupColumns[i];
            int value;
            if (column == ResponseRows.LOCALE) {
                value = locale >= 0 ? locale : noneId;
            } else if (column == ResponseRows.QUESTION_ID) {
                value = primaryQuestionId; // the fast path takes the primary question's rows only
            } else if (column == ResponseRows.SURVEY_ID) {
                value = cachedValue(i, b, surveyStart, surveyEnd, true);
            } else {
                value = cachedValue(i, b, st[groupCells[i]], en[groupCells[i]], false);
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
        return id >= 0 ? id : newValue(cache, b, s, e, hash, exact);
    }

    /** A value not seen before by this thread: numbered in the shared space, then cached by its bytes. */
    private int newValue(ByteKeyCache cache, byte[] b, int s, int e, int hash, boolean exact) {
        String text = new String(b, s, e - s, StandardCharsets.UTF_8);
        int id = space.valueId(exact ? text : dimensionValue(text));
        cache.put(b, s, e, hash, id);
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
        exactRows++;
        CsvRow row = rules.toRow(scanner.texts(buf), line);
        if (row instanceof CsvRow.Rejected r) {
            chunk.reject(line, r.violations());
        } else if (row instanceof CsvRow.Accepted a) {
            accepted(a.response(), position, chunk);
        }
    }

    private void accepted(SurveyResponse r, long position, Chunk chunk) {
        if (!r.primary()) {
            acceptedQuestion(r, position, chunk);
            return;
        }
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
                valueNumbers[i] = space.valueId(r.segment(textDimensions[i]));
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

    /**
     * A further question's row: its key is the survey's and the question's, and its segment,
     * numbered apart, is noted as {@code ~number} so that a displaced row is taken back from the
     * right counts.
     */
    private void acceptedQuestion(SurveyResponse r, long position, Chunk chunk) {
        byte[] id = r.interactionId().getBytes(StandardCharsets.UTF_8);
        byte[] survey = r.surveyId().getBytes(StandardCharsets.UTF_8);
        byte[] question = r.question().getBytes(StandardCharsets.UTF_8);
        // The id, 0xFF, the survey, 0xFF, the question: 0xFF is never in UTF-8, so no two keys meet.
        byte[] key = new byte[id.length + 1 + survey.length + 1 + question.length];
        System.arraycopy(id, 0, key, 0, id.length);
        key[id.length] = (byte) 0xFF;
        System.arraycopy(survey, 0, key, id.length + 1, survey.length);
        key[id.length + 1 + survey.length] = (byte) 0xFF;
        System.arraycopy(question, 0, key, id.length + 2 + survey.length, question.length);
        RatingScale questionScale = rules.scaleOf(r.question());
        int questionPoints = questionScale.size();
        int slot;
        if (r.invalid()) {
            slot = questionPoints + 1;
        } else if (r.late()) {
            slot = questionPoints + 2;
        } else if (r.score().isPresent()) {
            slot = questionScale.indexOf(r.score().getAsInt());
        } else {
            slot = questionPoints;
        }
        for (int i = 0; i < textDimensions.length; i++) {
            valueNumbers[i] = space.valueId(r.segment(textDimensions[i]));
        }
        int segment = space.questionSegmentId(r.question(), valueNumbers,
                period == null ? 0 : ordinal(r.sentAt().getEpochSecond()));
        chunk.add(key, 0, id.length, id.length + 1, key.length, position, ~segment, slot);
    }

    // ---------------------------------------------------------------------------------------
    // Committing

    /**
     * Counts a checked stretch: each row in its segment, less the rows its keys displace. Rows
     * go to the key table stripe by stripe, one lock each; their order does not matter, since
     * the row further down the file wins whatever the order.
     */
    void commit(Chunk chunk, SurveyKeyTable keys) {
        int n = chunk.size;
        int[] starts = new int[SurveyKeyTable.STRIPES + 1];
        for (int i = 0; i < n; i++) {
            starts[SurveyKeyTable.stripeOf(chunk.hashes[i]) + 1]++;
        }
        for (int s = 0; s < SurveyKeyTable.STRIPES; s++) {
            starts[s + 1] += starts[s];
        }
        int[] order = new int[n];
        int[] next = Arrays.copyOf(starts, SurveyKeyTable.STRIPES);
        for (int i = 0; i < n; i++) {
            order[next[SurveyKeyTable.stripeOf(chunk.hashes[i])]++] = i;
        }
        // Take whichever stripe is free: on a busy machine a thread holding a stripe may be off
        // its core for milliseconds, and waiting for it in turn would serialise the threads.
        int pending = (1 << SurveyKeyTable.STRIPES) - 1;
        while (pending != 0) {
            int done = 0;
            for (int s = 0; s < SurveyKeyTable.STRIPES; s++) {
                if ((pending & 1 << s) != 0 && keys.stripe(s).lock().tryLock()) {
                    commitStripe(chunk, order, starts, s, keys.stripe(s));
                    done |= 1 << s;
                }
            }
            pending &= ~done;
            if (done == 0) {
                int s = Integer.numberOfTrailingZeros(pending);
                keys.stripe(s).lock().lock();
                commitStripe(chunk, order, starts, s, keys.stripe(s));
                pending &= ~(1 << s);
            }
        }
        candidates.addAll(chunk.candidates);
        scan.release(chunk);
    }

    /** Commits a stretch's rows of one stripe, whose lock the caller has taken, and releases it. */
    private void commitStripe(Chunk chunk, int[] order, int[] starts, int s, SurveyKeyTable.Stripe stripe) {
        try {
            touched += stripe.touch(chunk.hashes, order, starts[s], starts[s + 1]);
            for (int j = starts[s]; j < starts[s + 1]; j++) {
                commitRow(chunk, order[j], stripe);
            }
        } finally {
            stripe.lock().unlock();
        }
    }

    private void commitRow(Chunk chunk, int i, SurveyKeyTable.Stripe stripe) {
        int segment = chunk.segments[i];
        int slot = chunk.slots[i] & 0xFF;
        count(segment, slot & ~LOW, 1);
        int keyStart = chunk.keyBounds[i];
        if (stripe.put(chunk.hashes[i], chunk.keys, keyStart, chunk.keyBounds[i + 1] - keyStart, chunk.positions[i],
                segment, (byte) slot, loser)) {
            duplicates++;
            int lost = loser.slot & 0xFF;
            count(loser.segment, lost & ~LOW, -1);
            if ((lost & LOW) != 0) {
                scan.superseded(loser.position);
            }
        }
    }

    private void count(int segment, int slot, long n) {
        if (segment < 0) {
            int at = ~segment * questionWidth + slot;
            if (at >= questionCounts.length) {
                questionCounts = Arrays.copyOf(questionCounts, Math.max(questionCounts.length * 2,
                        (~segment + 1) * questionWidth));
            }
            questionCounts[at] += n;
            return;
        }
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

    /** @return this thread's counts of further questions' rows, {@link #questionWidth} per question segment */
    long[] questionCounts() {
        return questionCounts;
    }

    /** @return the duplicates this thread's commits found */
    long duplicates() {
        return duplicates;
    }

    /** @return how many of the rows this thread read went through the exact rules, not the fast check */
    long exactRows() {
        return exactRows;
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
        int index;
        long start;
        long end;
        long lines;
        long rows;
        boolean broken;
        final List<CsvRow.Rejected> rejected = new ArrayList<>();
        // One entry per accepted row: its key's hash and bytes, position, segment and slot.
        int size;
        long[] hashes;
        long[] positions;
        int[] segments;
        byte[] slots;
        // Row i's key is keys[keyBounds[i], keyBounds[i + 1]).
        int[] keyBounds;
        byte[] keys;
        final Candidates candidates = new Candidates();

        Chunk(int index, long start, long bytes) {
            // Sized for rows of about 64 bytes, so that a stretch of exported rows rarely grows them.
            int rows = (int) Math.max(16, Math.min(1 << 20, bytes / 64));
            hashes = new long[rows];
            positions = new long[rows];
            segments = new int[rows];
            slots = new byte[rows];
            keyBounds = new int[rows + 1];
            keys = new byte[rows * 24 + CsvRecordScanner.PADDING];
            reset(index, start);
        }

        /** Empties the stretch for another, keeping its arrays. */
        void reset(int index, long start) {
            this.index = index;
            this.start = start;
            end = 0;
            lines = 0;
            rows = 0;
            broken = false;
            rejected.clear();
            size = 0;
            candidates.size = 0;
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
                keyBounds = Arrays.copyOf(keyBounds, n + 1);
            }
            int from = keyBounds[size];
            int idLength = idEnd - idStart;
            int surveyLength = surveyEnd - surveyStart;
            int p = from + idLength + 1 + surveyLength;
            if (p + CsvRecordScanner.PADDING > keys.length) {
                keys = Arrays.copyOf(keys, Math.max(keys.length * 2, p + CsvRecordScanner.PADDING));
            }
            System.arraycopy(b, idStart, keys, from, idLength);
            keys[from + idLength] = (byte) 0xFF;
            System.arraycopy(b, surveyStart, keys, from + idLength + 1, surveyLength);
            long h = Bytes.hash(keys, from, p);
            hashes[size] = h;
            positions[size] = position;
            segments[size] = segment;
            slots[size] = (byte) slot;
            keyBounds[size + 1] = p;
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
