/*
 * banned.h - functions herald never calls (after git's banned.h).
 *
 * Included last by every .c file of herald through core/common.h.  Each banned
 * function becomes a compile error that names the reason.
 *   strcpy, strcat, sprintf, vsprintf: unbounded writes; use strbuf or snprintf.
 *   strtok: hidden global state; use a slice or strtok_r.
 *   atoi, atol: no error reporting; use strtol with end and errno checks.
 *   gmtime, localtime, ctime, asctime: static buffers shared between threads; use the _r forms.
 */
#ifndef HERALD_CORE_BANNED_H
#define HERALD_CORE_BANNED_H

#define BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef strtok
#define strtok(x, y) BANNED(strtok)
#undef atoi
#define atoi(x) BANNED(atoi)
#undef atol
#define atol(x) BANNED(atol)
#undef gmtime
#define gmtime(x) BANNED(gmtime)
#undef localtime
#define localtime(x) BANNED(localtime)
#undef ctime
#define ctime(x) BANNED(ctime)
#undef asctime
#define asctime(x) BANNED(asctime)

#endif
