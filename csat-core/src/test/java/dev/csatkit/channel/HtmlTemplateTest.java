package dev.csatkit.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.InvalidConfigurationException;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class HtmlTemplateTest {

    @Test
    void slotsAreEscapedSectionsRepeatAndInvertedSectionsFillTheGaps() {
        HtmlTemplate t = HtmlTemplate.parse("t", "<p title=\"{{title}}\">{{! not shown }}{{#items}}[{{name}}{{#flag}}!{{/flag}}]{{/items}}"
                + "{{^items}}none{{/items}}{{#missing}}x{{/missing}}{{^missing}}-{{/missing}}</p>");
        assertThat(t.render(Map.of("title", "a\"b'<c>&", "flag", true, "items",
                List.of(Map.of("name", "<i>"), Map.of("name", "z", "flag", false)))))
                .isEqualTo("<p title=\"a&quot;b&#39;&lt;c&gt;&amp;\">[&lt;i&gt;!][z]-</p>");
        assertThat(t.render(Map.of("items", List.of()))).isEqualTo("<p title=\"\">none-</p>");
        assertThat(t.slots()).containsExactly("title", "items", "name", "flag", "missing");
    }

    @Test
    void brokenTemplatesAreReportedWithTheirLine() {
        assertThatThrownBy(() -> HtmlTemplate.parse("page", "<p>\n{{#a}}\n{{/b}}"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("templates.page line 3").hasMessageContaining("{{/b}}")
                .hasMessageContaining("must close the open section {{#a}} first");
        assertThatThrownBy(() -> HtmlTemplate.parse("page", "{{#a}}\n\n"))
                .hasMessageContaining("templates.page line 1").hasMessageContaining("is never closed with {{/a}}");
        assertThatThrownBy(() -> HtmlTemplate.parse("email", "{{{raw}}}"))
                .hasMessageContaining("must be {{name}}");
        assertThatThrownBy(() -> HtmlTemplate.parse("email", "x {{open"))
                .hasMessageContaining("must be closed with }}");
        assertThatThrownBy(() -> HtmlTemplate.parse("email", "{{/a}}"))
                .hasMessageContaining("closes a section that was never opened");
    }

    @Property
    void noValueCanBecomeMarkupAndNoneIsLost(@ForAll String value) {
        String out = HtmlTemplate.parse("t", "{{v}}").render(Map.of("v", value));
        assertThat(out).doesNotContain("<", ">", "\"", "'");
        assertThat(out.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&")).isEqualTo(value);
    }
}
