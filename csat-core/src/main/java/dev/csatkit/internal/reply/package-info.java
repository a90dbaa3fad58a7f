/**
 * How replies are read: text folding, the tokenizer, the built-in word tables per language and
 * the analysis behind {@link dev.csatkit.reply.ReplyParser}. Not exported; the tables may change
 * in any release.
 */
@NullMarked
package dev.csatkit.internal.reply;

import org.jspecify.annotations.NullMarked;
