/*
 * log.h - the one logging function of herald.
 *
 * Lines go to stderr as "2026-11-25T20:41:07Z level module: message".  A line is
 * written with one locked stdio call, so threads never interleave within a line.
 * The threshold is process-wide and set once at start (log_set_level); lines
 * below it cost one comparison.
 */
#ifndef HERALD_CORE_LOG_H
#define HERALD_CORE_LOG_H

enum log_level { LOG_ERROR = 0, LOG_WARN, LOG_INFO, LOG_DEBUG };

void log_set_level(enum log_level level);
enum log_level log_get_level(void);

/* Parses "error", "warn", "info" or "debug".  Returns 0 on success, -1 otherwise. */
int log_level_parse(const char *name, enum log_level *out);

void log_msg(enum log_level level, const char *module, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define log_error(mod, ...) log_msg(LOG_ERROR, mod, __VA_ARGS__)
#define log_warn(mod, ...) log_msg(LOG_WARN, mod, __VA_ARGS__)
#define log_info(mod, ...) log_msg(LOG_INFO, mod, __VA_ARGS__)
#define log_debug(mod, ...) log_msg(LOG_DEBUG, mod, __VA_ARGS__)

#endif
