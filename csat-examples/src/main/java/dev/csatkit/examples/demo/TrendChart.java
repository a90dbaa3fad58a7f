package dev.csatkit.examples.demo;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.Violation;
import dev.csatkit.score.Interval;
import dev.csatkit.score.TrendPoint;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draws a report's trend as a PNG chart: CSAT per period as a line with a marker per period, its
 * 95 % interval as a translucent band, and optionally a target as a dashed line. A legend under
 * the title says what each of them is ({@link Builder#lineLabel}, {@link Builder#target(double,
 * String)}), so that a reader never has to guess what the dashed line stands for.
 *
 * <p>Periods go across in equal slots, labelled with {@link TrendPoint#period()} (only every
 * second, third… label when they would overlap). The CSAT axis fits the data, the band and the
 * target, with round ticks, never beyond 0–100. A period without ratings breaks the line and the
 * band and gets no marker, so a quiet day never looks like a bad one. A trend with no ratings at
 * all gives a chart that says so rather than an error.
 *
 * <p>Only the JDK is used, without a display: loading this class sets {@code java.awt.headless}
 * to {@code true} unless it was set already. Text uses the logical font {@code SansSerif}; on a
 * JDK with no usable font the chart is drawn without text. The same trend and settings give the
 * same PNG bytes on one machine: nothing in the file depends on the time, and fonts only differ
 * between machines. Instances are immutable and may be shared between threads.
 *
 * <pre>{@code
 * TrendChart.builder().title("CSAT per day, week 11").target(80).build()
 *         .write(report.trend(), Path.of("csat.png"));
 * }</pre>
 */
public final class TrendChart {

    static {
        // A server has no display; say so before any AWT class reads the property. An explicit
        // choice by the application wins.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** The smallest width, in pixels. */
    public static final int MIN_WIDTH = 240;
    /** The largest width, in pixels. */
    public static final int MAX_WIDTH = 4000;
    /** The smallest height, in pixels. */
    public static final int MIN_HEIGHT = 160;
    /** The largest height, in pixels. */
    public static final int MAX_HEIGHT = 3000;
    /** The longest title or axis label, in characters. */
    public static final int MAX_TEXT_LENGTH = 200;

    static final Color BACKGROUND = Color.WHITE;
    static final Color LINE = new Color(31, 119, 180);
    static final Color BAND = new Color(31, 119, 180, 64);
    static final Color TARGET = new Color(214, 39, 40);
    static final Color GRID = new Color(225, 225, 225);
    static final Color AXIS = new Color(90, 90, 90);
    static final Color TEXT = new Color(40, 40, 40);
    static final Color MUTED = new Color(130, 130, 130);
    static final Color LABEL_BACKDROP = new Color(255, 255, 255, 200);
    static final String FONT = "SansSerif";
    /** Period labels longer than this are cut, so that one odd label cannot crowd out the rest. */
    static final int MAX_LABEL_CHARS = 16;

    private static final Logger LOG = LoggerFactory.getLogger(TrendChart.class);
    private static final AtomicBoolean WARNED_NO_FONT = new AtomicBoolean();

    private final String title;
    private final int width;
    private final int height;
    private final OptionalDouble target;
    private final String xAxisLabel;
    private final String yAxisLabel;
    private final String lineLabel;
    private final String targetLabel;

    private TrendChart(Builder b) {
        this.title = b.title;
        this.width = b.width;
        this.height = b.height;
        this.target = b.target;
        this.xAxisLabel = b.xAxisLabel;
        this.yAxisLabel = b.yAxisLabel;
        this.lineLabel = b.lineLabel;
        this.targetLabel = b.targetLabel.orElseGet(() -> target.isPresent()
                ? String.format(Locale.ROOT, "target %s%%", percent(target.getAsDouble())) : "");
    }

    /** @return a builder with the defaults: 900 × 450 pixels, a generic title, no target */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the title; blank for none */
    public String title() {
        return title;
    }

    /** @return the width in pixels */
    public int width() {
        return width;
    }

    /** @return the height in pixels */
    public int height() {
        return height;
    }

    /** @return the target CSAT drawn as a dashed line, 0–100; empty for none */
    public OptionalDouble target() {
        return target;
    }

    /**
     * Draws the chart.
     *
     * @param trend the periods in order, as {@link dev.csatkit.score.Report#trend()} gives them; may be empty
     * @return an RGB image of the configured size
     */
    public BufferedImage render(List<TrendPoint> trend) {
        return render(trend, true);
    }

    /**
     * Writes the chart as a PNG file, replacing the file if it exists. The image is encoded in
     * memory first, so a failure leaves no half-written file behind.
     *
     * @param trend the periods in order; may be empty
     * @param png the file to write; its directory must exist
     * @throws IOException when the file cannot be written
     */
    public void write(List<TrendPoint> trend, Path png) throws IOException {
        Objects.requireNonNull(png, "png");
        Files.write(png, encode(render(trend)));
    }

    /**
     * Writes the chart as PNG bytes.
     *
     * @param trend the periods in order; may be empty
     * @param out where to write; not closed
     * @throws IOException when writing fails
     */
    public void write(List<TrendPoint> trend, OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        out.write(encode(render(trend)));
    }

    /** Draws the chart; {@code text} false draws it as a JDK without fonts would. */
    BufferedImage render(List<TrendPoint> trend, boolean text) {
        List<TrendPoint> points = List.copyOf(trend);
        Series series = Series.of(points);
        Plot plot = plot(points.size(), series);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, width, height);
            Font font = new Font(FONT, Font.PLAIN, fontSize());
            boolean withText = text && fontWorks(g, font);
            drawGrid(g, plot);
            Shape clip = g.getClip();
            g.clip(new Rectangle2D.Double(plot.left(), plot.top(), plot.right() - plot.left(),
                    plot.bottom() - plot.top()));
            drawBand(g, plot, series);
            drawTarget(g, plot);
            drawLine(g, plot, series);
            g.setClip(clip);
            drawAxes(g, plot);
            if (withText) {
                drawText(g, plot, points, series, font);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** The plot area and axis for a trend of {@code count} periods; margins follow the font size. */
    Plot plot(int count, Series series) {
        double f = fontSize();
        OptionalDouble low = series.lowest();
        YAxis axis = YAxis.FULL;
        if (low.isPresent() || target.isPresent()) {
            double lo = Math.min(low.orElse(100), target.orElse(100));
            double hi = Math.max(series.highest().orElse(0), target.orElse(0));
            axis = YAxis.fit(lo, hi);
        }
        // The legend takes a row under the title.
        double top = title.isBlank() ? 2.6 * f : 4.2 * f;
        return new Plot(4.6 * f, top, width - 1.6 * f, height - 3.6 * f, count, axis);
    }

    /** The plot area for a trend, as {@link #render(List)} lays it out. */
    Plot plot(List<TrendPoint> trend) {
        return plot(trend.size(), Series.of(trend));
    }

    private int fontSize() {
        return Math.max(10, Math.min(20, Math.min(width, height) / 32));
    }

    private void drawGrid(Graphics2D g, Plot plot) {
        g.setStroke(new BasicStroke(1f));
        g.setColor(GRID);
        for (int k = 0; k < plot.axis().tickCount(); k++) {
            double y = plot.y(plot.axis().tick(k));
            g.draw(new Line2D.Double(plot.left(), y, plot.right(), y));
        }
    }

    private void drawBand(Graphics2D g, Plot plot, Series series) {
        g.setColor(BAND);
        double halfWidth = Math.min(plot.slot() * 0.3, 6);
        for (int[] run : series.runs()) {
            int a = run[0];
            int b = run[1];
            if (a == b) {
                // A lone period has no neighbour to join: a short bar shows its interval.
                g.fill(new Rectangle2D.Double(plot.x(a) - halfWidth, plot.y(series.high(a)), 2 * halfWidth,
                        plot.y(series.low(a)) - plot.y(series.high(a))));
                continue;
            }
            Path2D.Double band = new Path2D.Double();
            band.moveTo(plot.x(a), plot.y(series.high(a)));
            for (int i = a + 1; i <= b; i++) {
                band.lineTo(plot.x(i), plot.y(series.high(i)));
            }
            for (int i = b; i >= a; i--) {
                band.lineTo(plot.x(i), plot.y(series.low(i)));
            }
            band.closePath();
            g.fill(band);
        }
    }

    private void drawTarget(Graphics2D g, Plot plot) {
        if (target.isEmpty()) {
            return;
        }
        float w = lineWidth();
        g.setColor(TARGET);
        g.setStroke(new BasicStroke(w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {4 * w, 3 * w}, 0f));
        double y = plot.y(target.getAsDouble());
        g.draw(new Line2D.Double(plot.left(), y, plot.right(), y));
    }

    private void drawLine(Graphics2D g, Plot plot, Series series) {
        g.setColor(LINE);
        g.setStroke(new BasicStroke(lineWidth(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int[] run : series.runs()) {
            if (run[0] == run[1]) {
                continue;
            }
            Path2D.Double line = new Path2D.Double();
            line.moveTo(plot.x(run[0]), plot.y(series.csat(run[0])));
            for (int i = run[0] + 1; i <= run[1]; i++) {
                line.lineTo(plot.x(i), plot.y(series.csat(i)));
            }
            g.draw(line);
        }
        double r = markerRadius(plot);
        for (int i = 0; i < series.size(); i++) {
            if (series.hasData(i)) {
                g.fill(new Ellipse2D.Double(plot.x(i) - r, plot.y(series.csat(i)) - r, 2 * r, 2 * r));
            }
        }
    }

    private void drawAxes(Graphics2D g, Plot plot) {
        g.setColor(AXIS);
        g.setStroke(new BasicStroke(1f));
        g.draw(new Line2D.Double(plot.left(), plot.top(), plot.left(), plot.bottom()));
        g.draw(new Line2D.Double(plot.left(), plot.bottom(), plot.right(), plot.bottom()));
    }

    private void drawText(Graphics2D g, Plot plot, List<TrendPoint> points, Series series, Font font) {
        float f = font.getSize2D();
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        float middle = (fm.getAscent() - fm.getDescent()) / 2f;

        g.setColor(TEXT);
        for (int k = 0; k < plot.axis().tickCount(); k++) {
            double value = plot.axis().tick(k);
            String label = String.format(Locale.ROOT, "%.0f", value);
            g.drawString(label, (float) (plot.left() - 0.4 * f - fm.stringWidth(label)),
                    (float) plot.y(value) + middle);
        }

        List<String> labels = new ArrayList<>(points.size());
        double widest = 0;
        for (TrendPoint p : points) {
            String label = shorten(clean(p.period()), MAX_LABEL_CHARS);
            labels.add(label);
            widest = Math.max(widest, fm.stringWidth(label));
        }
        int every = labelEvery(widest + f, plot.slot());
        for (int i = 0; i < labels.size(); i += every) {
            float x = (float) plot.x(i);
            g.setColor(AXIS);
            g.draw(new Line2D.Double(x, plot.bottom(), x, plot.bottom() + 0.3 * f));
            g.setColor(TEXT);
            g.drawString(labels.get(i), x - fm.stringWidth(labels.get(i)) / 2f, (float) (plot.bottom() + 1.5 * f));
        }

        String xLabel = clean(xAxisLabel);
        g.drawString(xLabel, (float) ((plot.left() + plot.right()) / 2 - fm.stringWidth(xLabel) / 2.0),
                height - 0.6f * f);
        String yLabel = clean(yAxisLabel);
        AffineTransform saved = g.getTransform();
        g.translate(1.3 * f, (plot.top() + plot.bottom()) / 2 + fm.stringWidth(yLabel) / 2.0);
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, 0f, 0f);
        g.setTransform(saved);

        if (series.anyData()) {
            drawLegend(g, fm, f, title.isBlank() ? 1.5f * f : 3.2f * f);
        }

        if (target.isPresent()) {
            String label = shorten(clean(targetLabel), MAX_LABEL_CHARS * 2);
            float x = (float) (plot.right() - fm.stringWidth(label) - 0.3 * f);
            float y = (float) (plot.y(target.getAsDouble()) - 0.4 * f);
            // The label sits over the data at the right end: a light backdrop keeps it readable.
            g.setColor(LABEL_BACKDROP);
            g.fill(new Rectangle2D.Double(x - 0.2 * f, y - fm.getAscent(), fm.stringWidth(label) + 0.4 * f,
                    fm.getAscent() + fm.getDescent() * 0.5));
            g.setColor(TARGET);
            g.drawString(label, x, y);
        }

        if (!series.anyData()) {
            Font big = font.deriveFont(Font.BOLD, 1.6f * f);
            g.setFont(big);
            FontMetrics bm = g.getFontMetrics();
            String message = points.isEmpty() ? "No data" : "No ratings in any period";
            g.setColor(MUTED);
            g.drawString(message, (float) ((plot.left() + plot.right()) / 2 - bm.stringWidth(message) / 2.0),
                    (float) ((plot.top() + plot.bottom()) / 2));
            g.setFont(font);
        }

        String heading = clean(title);
        if (!heading.isBlank()) {
            Font bold = font.deriveFont(Font.BOLD, 1.3f * f);
            g.setFont(bold);
            double room = width - 2 * f;
            int wide = g.getFontMetrics().stringWidth(heading);
            if (wide > room) {
                // Shrink a long title down to the label size, then cut what still does not fit.
                g.setFont(bold.deriveFont((float) Math.max(f, bold.getSize2D() * room / wide)));
                int keep = heading.codePointCount(0, heading.length());
                while (keep > 1 && g.getFontMetrics().stringWidth(heading) > room) {
                    heading = shorten(heading, --keep);
                }
            }
            g.setColor(TEXT);
            g.drawString(heading, (float) (width / 2.0 - g.getFontMetrics().stringWidth(heading) / 2.0), 1.8f * f);
        }
    }

    /** One row, centred: a swatch and a caption for the line, the band and the target. */
    private void drawLegend(Graphics2D g, FontMetrics fm, float f, float baseline) {
        List<String> captions = new ArrayList<>(List.of(clean(lineLabel), "95 % interval"));
        if (target.isPresent()) {
            captions.add(clean(targetLabel));
        }
        float swatch = 1.8f * f;
        float gap = 1.2f * f;
        float total = 0;
        for (String c : captions) {
            total += swatch + 0.4f * f + fm.stringWidth(c) + gap;
        }
        float x = Math.max(0.5f * f, (width - (total - gap)) / 2f);
        float middle = baseline - (fm.getAscent() - fm.getDescent()) / 2f;
        for (int i = 0; i < captions.size(); i++) {
            float w = lineWidth();
            if (i == 0) {
                g.setColor(LINE);
                g.setStroke(new BasicStroke(w, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(new Line2D.Double(x, middle, x + swatch, middle));
                double r = w * 1.6;
                g.fill(new Ellipse2D.Double(x + swatch / 2 - r, middle - r, 2 * r, 2 * r));
            } else if (i == 1) {
                g.setColor(BAND);
                g.fill(new Rectangle2D.Double(x, middle - 0.4 * f, swatch, 0.8 * f));
            } else {
                g.setColor(TARGET);
                g.setStroke(new BasicStroke(w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                        new float[] {4 * w, 3 * w}, 0f));
                g.draw(new Line2D.Double(x, middle, x + swatch, middle));
            }
            x += swatch + 0.4f * f;
            g.setColor(TEXT);
            g.drawString(captions.get(i), x, baseline);
            x += fm.stringWidth(captions.get(i)) + gap;
        }
    }

    private float lineWidth() {
        return Math.max(1.5f, Math.min(3f, fontSize() / 6f));
    }

    private double markerRadius(Plot plot) {
        return Math.max(1.5, Math.min(lineWidth() * 1.6, plot.slot() * 0.22));
    }

    /**
     * Which labels to show: every {@code n}th, so that each shown label has {@code needed} pixels.
     *
     * @param needed the widest label plus a gap
     * @param slot the pixels per period
     * @return 1 to show them all, 2 for every second one…
     */
    static int labelEvery(double needed, double slot) {
        if (!(slot > 0) || !(needed > 0)) {
            return 1;
        }
        return (int) Math.max(1, Math.ceil(needed / slot));
    }

    /** Drops a chart's whole text on a JDK that cannot load fonts, rather than failing. */
    private static boolean fontWorks(Graphics2D g, Font font) {
        try {
            g.setFont(font);
            return g.getFontMetrics().stringWidth("0") > 0;
        } catch (OutOfMemoryError | StackOverflowError e) {
            throw e;
        } catch (RuntimeException | Error e) {
            // A JDK without fonts fails on first use with an error, not an exception.
            if (WARNED_NO_FONT.compareAndSet(false, true)) {
                LOG.warn("No usable font ({}); charts are drawn without text", e.toString());
            }
            return false;
        }
    }

    private static byte[] encode(BufferedImage image) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IOException("this JDK has no PNG writer");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        // In memory rather than ImageIO's default file cache: no temporary files, no shared setting.
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(image);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** Control characters would draw as boxes or break the layout. */
    static String clean(String text) {
        StringBuilder s = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> s.appendCodePoint(Character.isISOControl(cp) ? ' ' : cp));
        return s.toString().strip();
    }

    static String shorten(String text, int maxChars) {
        if (text.codePointCount(0, text.length()) <= maxChars) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, maxChars - 1)) + "…";
    }

    private static String percent(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.1f", value);
    }

    /** The figures of a trend the chart needs, per period; NaN where a period has no ratings. */
    static final class Series {
        private final double[] csat;
        private final double[] low;
        private final double[] high;
        private boolean any;
        private double lowest = 100;
        private double highest = 0;

        private Series(int n) {
            csat = new double[n];
            low = new double[n];
            high = new double[n];
        }

        static Series of(List<TrendPoint> trend) {
            Series s = new Series(trend.size());
            for (int i = 0; i < trend.size(); i++) {
                OptionalDouble csat = trend.get(i).tally().csat();
                Optional<Interval> interval = trend.get(i).tally().csatInterval();
                s.csat[i] = csat.orElse(Double.NaN);
                s.low[i] = interval.map(Interval::low).orElse(s.csat[i]);
                s.high[i] = interval.map(Interval::high).orElse(s.csat[i]);
                if (s.hasData(i)) {
                    s.any = true;
                    s.lowest = Math.min(s.lowest, s.low(i));
                    s.highest = Math.max(s.highest, s.high(i));
                }
            }
            return s;
        }

        int size() {
            return csat.length;
        }

        boolean hasData(int i) {
            return !Double.isNaN(csat[i]);
        }

        boolean anyData() {
            return any;
        }

        double csat(int i) {
            return csat[i];
        }

        double low(int i) {
            return Math.min(low[i], csat[i]);
        }

        double high(int i) {
            return Math.max(high[i], csat[i]);
        }

        /** @return the lowest value to show: an interval's low end or a CSAT; empty without data */
        OptionalDouble lowest() {
            return anyData() ? OptionalDouble.of(lowest) : OptionalDouble.empty();
        }

        /** @return the highest value to show; empty without data */
        OptionalDouble highest() {
            return anyData() ? OptionalDouble.of(highest) : OptionalDouble.empty();
        }

        /** @return the runs of consecutive periods with data, as {first, last} index pairs */
        List<int[]> runs() {
            List<int[]> runs = new ArrayList<>();
            int i = 0;
            while (i < size()) {
                if (!hasData(i)) {
                    i++;
                    continue;
                }
                int start = i;
                while (i + 1 < size() && hasData(i + 1)) {
                    i++;
                }
                runs.add(new int[] {start, i});
                i++;
            }
            return runs;
        }
    }

    /** Builds a {@link TrendChart}. Not thread-safe. */
    public static final class Builder {
        private String title = "CSAT per period";
        private int width = 900;
        private int height = 450;
        private OptionalDouble target = OptionalDouble.empty();
        private String xAxisLabel = "Period";
        private String yAxisLabel = "CSAT (%)";
        private String lineLabel = "CSAT";
        private Optional<String> targetLabel = Optional.empty();

        private Builder() {
        }

        /**
         * @param title the heading, at most {@value #MAX_TEXT_LENGTH} characters; blank for none
         * @return this builder
         */
        public Builder title(String title) {
            this.title = Objects.requireNonNull(title, "title");
            return this;
        }

        /**
         * @param width pixels across, {@value #MIN_WIDTH} to {@value #MAX_WIDTH}
         * @param height pixels down, {@value #MIN_HEIGHT} to {@value #MAX_HEIGHT}
         * @return this builder
         */
        public Builder size(int width, int height) {
            this.width = width;
            this.height = height;
            return this;
        }

        /**
         * @param target a CSAT to draw as a dashed line, 0–100, such as 80
         * @return this builder
         */
        public Builder target(double target) {
            this.target = OptionalDouble.of(target);
            return this;
        }

        /**
         * @param target a CSAT to draw as a dashed line, 0–100, such as 70
         * @param label what the line stands for, in the legend and beside the line, such as
         *     {@code "good from 70 %"}; at most {@value #MAX_TEXT_LENGTH} characters
         * @return this builder
         */
        public Builder target(double target, String label) {
            this.target = OptionalDouble.of(target);
            this.targetLabel = Optional.of(Objects.requireNonNull(label, "label"));
            return this;
        }

        /**
         * @param label what the line of CSAT values is, in the legend, such as {@code "CSAT per
         *     day"}; at most {@value #MAX_TEXT_LENGTH} characters
         * @return this builder
         */
        public Builder lineLabel(String label) {
            this.lineLabel = Objects.requireNonNull(label, "label");
            return this;
        }

        /**
         * @param target a CSAT to draw as a dashed line, 0–100; empty for none
         * @return this builder
         */
        public Builder target(OptionalDouble target) {
            this.target = Objects.requireNonNull(target, "target");
            return this;
        }

        /**
         * @param label the caption under the periods, at most {@value #MAX_TEXT_LENGTH} characters
         * @return this builder
         */
        public Builder xAxisLabel(String label) {
            this.xAxisLabel = Objects.requireNonNull(label, "label");
            return this;
        }

        /**
         * @param label the caption beside the CSAT axis, at most {@value #MAX_TEXT_LENGTH} characters
         * @return this builder
         */
        public Builder yAxisLabel(String label) {
            this.yAxisLabel = Objects.requireNonNull(label, "label");
            return this;
        }

        /**
         * Validates the settings.
         *
         * @return the chart
         * @throws InvalidConfigurationException naming every broken rule
         */
        public TrendChart build() {
            List<Violation> violations = new ArrayList<>();
            if (width < MIN_WIDTH || width > MAX_WIDTH) {
                violations.add(Violation.of("size.width", width, "must be " + MIN_WIDTH + " to " + MAX_WIDTH
                        + " pixels"));
            }
            if (height < MIN_HEIGHT || height > MAX_HEIGHT) {
                violations.add(Violation.of("size.height", height, "must be " + MIN_HEIGHT + " to " + MAX_HEIGHT
                        + " pixels"));
            }
            if (target.isPresent() && !(target.getAsDouble() >= 0 && target.getAsDouble() <= 100)) {
                violations.add(Violation.of("target", target.getAsDouble(), "must be a percentage, 0 to 100"));
            }
            checkLength(violations, "title", title);
            checkLength(violations, "xAxisLabel", xAxisLabel);
            checkLength(violations, "yAxisLabel", yAxisLabel);
            checkLength(violations, "lineLabel", lineLabel);
            targetLabel.ifPresent(l -> checkLength(violations, "targetLabel", l));
            if (!violations.isEmpty()) {
                throw new InvalidConfigurationException(violations);
            }
            return new TrendChart(this);
        }

        private static void checkLength(List<Violation> violations, String field, String value) {
            if (value.length() > MAX_TEXT_LENGTH) {
                violations.add(Violation.of(field, value, "must be at most " + MAX_TEXT_LENGTH + " characters"));
            }
        }
    }
}
