/**
 * Reading replies: a text reply (SMS, chat, email) with {@link dev.csatkit.reply.ReplyParser},
 * a chat button or email link with {@link dev.csatkit.reply.ReplyParser#parseChoice(String)},
 * phone keys with {@link dev.csatkit.reply.KeypadParser}.
 *
 * <p>Parsers are built once per scale and shared between threads. They never throw on what a
 * person sent: every reply becomes one outcome of a sealed family,
 * {@link dev.csatkit.reply.ParsedReply} or {@link dev.csatkit.reply.KeypadReply}.
 */
@NullMarked
package dev.csatkit.reply;

import org.jspecify.annotations.NullMarked;
