package dev.csatkit.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.csatkit.CsatException;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.engine.Contact;
import dev.csatkit.engine.SurveyProfile;
import dev.csatkit.examples.guide.DocBlocks.Block;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.survey.DefaultMessages;
import dev.csatkit.survey.MessageSet;
import dev.csatkit.survey.SurveyDefinition;
import java.io.IOException;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The error messages the docs/ pages show in untagged blocks are the ones the library throws. */
class DocErrorBlocksTest {

    /** The block of a page that starts with these words. */
    static Block block(String page, String start) throws IOException {
        return DocBlocks.of(page).stream().filter(b -> b.text().startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError(page + " shows no block starting with " + start));
    }

    static String messageOf(Runnable build) {
        Throwable thrown = catchThrowable(build::run);
        assertThat(thrown).isInstanceOf(CsatException.class);
        return thrown.getMessage();
    }

    @Test
    void aDefinitionWithTwoProblemsIsRefusedAsThePageShows() throws IOException {
        Block shown = block("docs/surveys-and-scales.md", "Invalid survey definition");
        String message = messageOf(() -> SurveyDefinition.builder("post-call-sms")
                .name("Bad!")
                .scale(RatingScales.fivePoint())
                .channels(ChannelKind.SMS)
                .defaultLocale(Locale.GERMAN)
                .messages(Locale.GERMAN, MessageSet.builder()
                        .prompt("Wie zufrieden waren Sie? Antworten Sie mit {scale.min} bis {scale.max}.")
                        .confirmation("Danke!")
                        .invalidReply("Bitte antworten Sie mit {scale.min} bis {scale.max}.")
                        .thankYou("Vielen Dank!")
                        .build())                            // no opt-out instructions
                .build());
        assertThat(message + "\n").as(shown.where()).isEqualTo(shown.text());
    }

    @Test
    void anAddressWithACarriageReturnIsRefusedAsThePageShows() throws IOException {
        Block shown = block("docs/surveys-and-scales.md", "Invalid contact");
        String message = messageOf(() -> Contact.builder("crm-4711").email("jane@example.com\r").build());
        assertThat(message + "\n").as(shown.where()).isEqualTo(shown.text());
    }

    @Test
    void anSmsProfileWithoutTheAcknowledgementIsRefusedAsThePageShows() throws IOException {
        Block shown = block("docs/contact-centre-features.md", "Invalid survey profile");
        SurveyDefinition afterCall = SurveyDefinition.builder("after-call")
                .name("After your call")
                .scale(RatingScales.fivePoint())
                .channels(ChannelKind.SMS)
                .defaultLocale(Locale.ENGLISH)
                .messages(Locale.ENGLISH, DefaultMessages.forChannel(ChannelKind.SMS, Locale.ENGLISH).orElseThrow())
                .build();
        String message = messageOf(() -> SurveyProfile.builder(afterCall, ChannelKind.SMS).build());
        // The page wraps the one-line message to its width.
        assertThat(message).as(shown.where()).isEqualTo(shown.text().strip().replace('\n', ' '));
    }
}
