package dev.csatkit.channels.email;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that drives headless Chromium: it runs where Debian's {@code chromium} and
 * {@code chromium-driver} are installed, and is skipped elsewhere with one line saying so (see
 * {@link Chromium}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("browser")
@ExtendWith(Chromium.Condition.class)
@interface BrowserTest {
}
