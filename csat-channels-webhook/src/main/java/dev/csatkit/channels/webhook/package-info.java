/**
 * Chat surveys over webhooks: {@link dev.csatkit.channels.webhook.WebhookChatChannel} posts them to
 * the chat platform and receives replies on a webhook that {@link
 * dev.csatkit.channels.webhook.WebhookSignature} signs.
 */
@NullMarked
package dev.csatkit.channels.webhook;

import org.jspecify.annotations.NullMarked;
