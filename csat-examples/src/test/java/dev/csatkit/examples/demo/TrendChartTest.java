package dev.csatkit.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.Violation;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.score.Interval;
import dev.csatkit.score.Tally;
import dev.csatkit.score.TrendPoint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrendChartTest {

    private static final RatingScale FIVE = RatingScales.fivePoint();
    private static final LocalDate MONDAY = LocalDate.of(2025, 3, 10);

    @TempDir
    Path dir;

    /** The default chart of {@link #week()}, and where it puts the data. */
    private final TrendChart chart = TrendChart.builder().build();
    private final List<TrendPoint> week = week();
    private final Plot plot = chart.plot(week);

    /** A day with {@code satisfied} of {@code rated} ratings satisfied. */
    static TrendPoint day(int index, long satisfied, long rated) {
        Tally tally = Tally.builder(FIVE).addRatings(5, satisfied).addRatings(2, rated - satisfied)
                .addUnanswered(3).build();
        return new TrendPoint(MONDAY.plusDays(index).toString(), MONDAY.plusDays(index), tally);
    }

    /** A day whose surveys all went unanswered. */
    static TrendPoint quietDay(int index) {
        return new TrendPoint(MONDAY.plusDays(index).toString(), MONDAY.plusDays(index),
                Tally.builder(FIVE).addUnanswered(4).build());
    }

    /** A week with a quiet Thursday; few ratings so that the intervals are wide. */
    static List<TrendPoint> week() {
        return List.of(day(0, 8, 10), day(1, 6, 10), day(2, 9, 12), quietDay(3), day(4, 5, 10), day(5, 7, 9),
                day(6, 9, 10));
    }

    private static int bandOverBackground() {
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = probe.createGraphics();
        g.setColor(TrendChart.BACKGROUND);
        g.fillRect(0, 0, 1, 1);
        g.setColor(TrendChart.BAND);
        g.fillRect(0, 0, 1, 1);
        g.dispose();
        return probe.getRGB(0, 0);
    }

    /** Rows {@code from} to {@code to} (exclusive) of column {@code x} that have colour {@code rgb}. */
    private static int countInColumn(BufferedImage image, int x, int from, int to, int rgb) {
        int n = 0;
        for (int y = Math.max(0, from); y < Math.min(image.getHeight(), to); y++) {
            if (image.getRGB(x, y) == rgb) {
                n++;
            }
        }
        return n;
    }

    @Test
    void writesAPngOfTheRequestedSize() throws IOException {
        Path png = dir.resolve("trend.png");
        TrendChart.builder().title("CSAT per day").size(640, 360).target(80).build().write(week(), png);

        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(360);
    }

    @Test
    void theLineMarksEveryPeriodWithDataAndSkipsTheQuietOne() {
        BufferedImage image = chart.render(week);
        int line = TrendChart.LINE.getRGB();

        for (int i = 0; i < week.size(); i++) {
            int x = (int) Math.floor(plot.x(i));
            if (i == 3) {
                for (int dx = -2; dx <= 2; dx++) {
                    assertThat(countInColumn(image, x + dx, 0, image.getHeight(), line))
                            .as("line colour in the quiet period's column %d", x + dx).isZero();
                }
            } else {
                double csat = week.get(i).tally().csat().orElseThrow();
                assertThat(image.getRGB(x, (int) Math.floor(plot.y(csat))))
                        .as("marker of period %d", i).isEqualTo(line);
            }
        }
    }

    @Test
    void theBandFillsFromLowToHighAndBreaksAtTheQuietPeriod() {
        BufferedImage image = chart.render(week);
        int band = bandOverBackground();

        for (int i = 0; i < week.size(); i++) {
            int x = (int) Math.floor(plot.x(i));
            if (i == 3) {
                assertThat(countInColumn(image, x, 0, image.getHeight(), band)).isZero();
                continue;
            }
            // The band of a run ends exactly at its first and last period: look one pixel inside.
            boolean first = i == 0 || !week.get(i - 1).tally().hasData();
            boolean last = i == week.size() - 1 || !week.get(i + 1).tally().hasData();
            x += first ? 1 : last ? -1 : 0;
            Interval interval = week.get(i).tally().csatInterval().orElseThrow();
            int high = (int) Math.floor(plot.y(interval.high()));
            int low = (int) Math.floor(plot.y(interval.low()));
            assertThat(low - high).as("band height of period %d", i).isGreaterThan(40);
            int inside = countInColumn(image, x, high + 2, low - 1, band);
            assertThat(inside).as("band pixels of period %d", i).isGreaterThan((low - high) / 2);
            assertThat(countInColumn(image, x, 0, high - 1, band)).as("band above period %d", i).isZero();
            assertThat(countInColumn(image, x, low + 2, image.getHeight(), band)).as("band below period %d", i)
                    .isZero();
        }
    }

    @Test
    void aLonePeriodGetsAMarkerAndAShortBar() {
        List<TrendPoint> trend = List.of(quietDay(0), day(1, 6, 10), quietDay(2));
        BufferedImage image = chart.render(trend);
        Plot lone = chart.plot(trend);
        int x = (int) Math.floor(lone.x(1));
        Interval interval = trend.get(1).tally().csatInterval().orElseThrow();

        assertThat(image.getRGB(x, (int) Math.floor(lone.y(60)))).isEqualTo(TrendChart.LINE.getRGB());
        assertThat(countInColumn(image, x, (int) lone.y(interval.high()) + 2, (int) lone.y(interval.low()) - 1,
                bandOverBackground())).isPositive();
    }

    @Test
    void theTargetIsADashedLineAtItsValue() {
        TrendChart withTarget = TrendChart.builder().target(80).build();
        BufferedImage image = withTarget.render(week);
        assertThat(withTarget.plot(week)).as("a target inside the data's range keeps the layout").isEqualTo(plot);
        int row = (int) Math.floor(plot.y(80));
        int target = TrendChart.TARGET.getRGB();

        int onRow = 0;
        for (int x = (int) plot.left() + 1; x < plot.right(); x++) {
            if (image.getRGB(x, row) == target) {
                onRow++;
            }
        }
        double plotWidth = plot.right() - plot.left();
        assertThat(onRow).as("dashes cover about four sevenths of the row").isBetween((int) (plotWidth * 0.3),
                (int) (plotWidth * 0.8));

        BufferedImage without = chart.render(week);
        for (int x = 0; x < without.getWidth(); x++) {
            for (int y = 0; y < without.getHeight(); y++) {
                assertThat(without.getRGB(x, y)).isNotEqualTo(target);
            }
        }
    }

    @Test
    void theAxisCoversTheDataTheBandAndTheTarget() {
        YAxis axis = TrendChart.builder().target(95).build().plot(week).axis();
        double lowest = week.stream().filter(p -> p.tally().hasData())
                .mapToDouble(p -> p.tally().csatInterval().orElseThrow().low()).min().orElseThrow();

        assertThat(axis.max()).isGreaterThanOrEqualTo(95).isLessThanOrEqualTo(100);
        assertThat(axis.min()).isLessThanOrEqualTo(lowest).isGreaterThanOrEqualTo(0);
    }

    @Test
    void anEmptyTrendDrawsANoDataChart() throws IOException {
        TrendChart small = TrendChart.builder().size(400, 300).build();

        for (List<TrendPoint> trend : List.of(List.<TrendPoint>of(), List.of(quietDay(0), quietDay(1)))) {
            BufferedImage image = small.render(trend);
            assertThat(image.getWidth()).isEqualTo(400);
            assertThat(image.getHeight()).isEqualTo(300);
            assertThat(small.plot(trend).axis()).isEqualTo(YAxis.FULL);
            int white = TrendChart.BACKGROUND.getRGB();
            int line = TrendChart.LINE.getRGB();
            boolean drawn = false;
            for (int x = 0; x < image.getWidth(); x++) {
                for (int y = 0; y < image.getHeight(); y++) {
                    drawn |= image.getRGB(x, y) != white;
                    assertThat(image.getRGB(x, y)).isNotEqualTo(line);
                }
            }
            assertThat(drawn).as("axes and text are drawn").isTrue();
        }
        Path png = dir.resolve("empty.png");
        small.write(List.of(), png);
        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(400);
    }

    @Test
    void theSameTrendGivesTheSameBytes() throws IOException {
        TrendChart titled = TrendChart.builder().title("Week 11").target(OptionalDouble.of(82.5)).build();
        Path first = dir.resolve("first.png");
        Path second = dir.resolve("second.png");
        titled.write(week(), first);
        titled.write(week(), second);
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        titled.write(week(), streamed);

        assertThat(Files.mismatch(first, second)).isEqualTo(-1);
        assertThat(streamed.toByteArray()).isEqualTo(Files.readAllBytes(first));
        assertThat(ImageIO.read(new ByteArrayInputStream(streamed.toByteArray()))).isNotNull();
    }

    @Test
    void aLegendAboveThePlotSaysWhatTheLineTheBandAndTheTargetAre() {
        TrendChart labelled = TrendChart.builder().title("CSAT per day").lineLabel("CSAT per day")
                .target(70, "good from 70 %").build();
        Plot p = labelled.plot(week);
        BufferedImage image = labelled.render(week);
        int line = 0;
        int band = 0;
        int target = 0;
        for (int y = 0; y < (int) p.top() - 1; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                line += rgb == TrendChart.LINE.getRGB() ? 1 : 0;
                band += rgb == bandOverBackground() ? 1 : 0;
                target += rgb == TrendChart.TARGET.getRGB() ? 1 : 0;
            }
        }
        assertThat(line).as("the line's swatch above the plot").isGreaterThan(20);
        assertThat(band).as("the band's swatch above the plot").isGreaterThan(20);
        assertThat(target).as("the target's swatch above the plot").isGreaterThan(5);

        BufferedImage noTarget = TrendChart.builder().title("CSAT per day").build().render(week);
        int targetWithout = 0;
        for (int y = 0; y < (int) chart.plot(week).top() - 1; y++) {
            for (int x = 0; x < noTarget.getWidth(); x++) {
                targetWithout += noTarget.getRGB(x, y) == TrendChart.TARGET.getRGB() ? 1 : 0;
            }
        }
        assertThat(targetWithout).as("no target, no target in the legend").isZero();
        assertThatThrownBy(() -> TrendChart.builder().lineLabel("x".repeat(201)).target(70, "y".repeat(201)).build())
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("lineLabel", "targetLabel"));
    }

    @Test
    void withoutFontsTheDataIsStillDrawn() {
        BufferedImage image = chart.render(week, false);

        double csat = week.get(0).tally().csat().orElseThrow();
        assertThat(image.getRGB((int) Math.floor(plot.x(0)), (int) Math.floor(plot.y(csat))))
                .isEqualTo(TrendChart.LINE.getRGB());
        // No title and no labels: nothing above the plot but background.
        assertThat(countInColumn(image, image.getWidth() / 2, 0, (int) plot.top() - 1,
                TrendChart.BACKGROUND.getRGB())).isEqualTo((int) plot.top() - 1);
    }

    @Test
    void manyPeriodsThinTheLabels() {
        assertThat(TrendChart.labelEvery(50, 10)).isEqualTo(5);
        assertThat(TrendChart.labelEvery(50, 12)).isEqualTo(5);
        assertThat(TrendChart.labelEvery(5, 10)).isEqualTo(1);
        assertThat(TrendChart.labelEvery(5, 0)).isEqualTo(1);

        List<TrendPoint> quarter = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            quarter.add(i % 11 == 5 ? quietDay(i) : day(i, 40 + i % 7, 50));
        }
        BufferedImage image = TrendChart.builder().size(600, 300).build().render(quarter);
        assertThat(image.getWidth()).isEqualTo(600);
    }

    @Test
    void labelsLoseControlCharactersAndLongOnesAreCut() {
        assertThat(TrendChart.clean(" week\t11\n")).isEqualTo("week 11");
        assertThat(TrendChart.shorten("2025-03-10 to 2025-03-16", 16)).isEqualTo("2025-03-10 to 2…")
                .hasSize(16);
        assertThat(TrendChart.shorten("2025-W11", 16)).isEqualTo("2025-W11");
    }

    @Test
    void badSettingsAreAllNamed() {
        assertThatThrownBy(() -> TrendChart.builder().size(100, 5000).target(120).title("x".repeat(201)).build())
                .isInstanceOf(InvalidConfigurationException.class)
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).violations())
                        .extracting(Violation::field)
                        .containsExactly("size.width", "size.height", "target", "title"))
                .hasMessageContaining("size.width = 100: must be 240 to 4000 pixels")
                .hasMessageContaining("size.height = 5000: must be 160 to 3000 pixels")
                .hasMessageContaining("target = 120.0: must be a percentage, 0 to 100");
        assertThatThrownBy(() -> TrendChart.builder().target(Double.NaN).build())
                .hasMessageContaining("target = NaN");
        assertThatThrownBy(() -> TrendChart.builder().yAxisLabel("y".repeat(201)).build())
                .hasMessageContaining("yAxisLabel");
    }

    @Test
    void niceAxes() {
        assertThat(YAxis.fit(0, 100)).isEqualTo(new YAxis(0, 100, 20));
        assertThat(YAxis.fit(100, 100)).isEqualTo(new YAxis(94, 100, 1));
        assertThat(YAxis.fit(0, 0)).isEqualTo(new YAxis(0, 6, 1));
        YAxis axis = YAxis.fit(71.3, 93.8);
        assertThat(axis).isEqualTo(new YAxis(70, 95, 5));
        assertThat(axis.tickCount()).isEqualTo(6);
        assertThat(axis.tick(5)).isEqualTo(95);
        assertThat(YAxis.niceStep(0.3)).isEqualTo(1);
        assertThat(YAxis.niceStep(3.2)).isEqualTo(5);
        assertThat(YAxis.niceStep(13)).isEqualTo(20);
        assertThat(YAxis.niceStep(80)).isEqualTo(50);
    }
}
