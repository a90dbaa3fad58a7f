package dev.csatkit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.reply.ParsedReply;
import dev.csatkit.reply.ReplyParser;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.testing.arbitraries.CsatArbitraries;
import dev.csatkit.testing.arbitraries.TypedRating;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * The second example property: a rating typed any way the parser accepts, in any supported
 * language, reads back as the value meant, with no comment.
 */
class TypedRatingProperties {

    @Provide
    Arbitrary<Tuple2<RatingScale, TypedRating>> typed() {
        return CsatArbitraries.scales().flatMap(scale -> CsatArbitraries.typedRatings(scale).map(t -> Tuple.of(scale, t)));
    }

    @Property(tries = 2000)
    void aRatingTypedAnyWayReadsBackAsItself(@ForAll("typed") Tuple2<RatingScale, TypedRating> st) {
        TypedRating typed = st.get2();
        ParsedReply reply = ReplyParser.forScale(st.get1()).parse(typed.text(), typed.locale());
        assertThat(reply).as("%s on %s", typed, st.get1())
                .isEqualTo(new ParsedReply.Rating(typed.value(), java.util.Optional.empty(), false));
    }
}
