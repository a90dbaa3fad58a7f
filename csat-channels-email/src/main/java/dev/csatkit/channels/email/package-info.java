/**
 * Email surveys: {@link dev.csatkit.channels.email.SmtpEmailChannel} sends them over SMTP, and
 * {@link dev.csatkit.channels.email.EmailLinkEndpoint} serves the page their signed rating links
 * lead to.
 */
@NullMarked
package dev.csatkit.channels.email;

import org.jspecify.annotations.NullMarked;
