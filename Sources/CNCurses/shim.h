#ifndef VIGIL_CNCURSES_SHIM_H
#define VIGIL_CNCURSES_SHIM_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <string.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

/* Macros and globals do not import cleanly into Swift 6: every use goes through these. */

static inline void vigil_setlocale(void) { setlocale(LC_ALL, ""); }
static inline WINDOW *vigil_stdscr(void) { return stdscr; }
static inline int vigil_lines(void) { return LINES; }
static inline int vigil_cols(void) { return COLS; }
static inline int vigil_colors(void) { return COLORS; }
static inline int vigil_key_resize(void) { return KEY_RESIZE; }
static inline int vigil_err(void) { return ERR; }
static inline int vigil_key_code_yes(void) { return KEY_CODE_YES; }

/* Reads one key as a wide character: returns ERR, OK (a character) or KEY_CODE_YES (a key code). */
static inline int vigil_get_wch(unsigned int *out) {
    wint_t ch = 0;
    int rc = wget_wch(stdscr, &ch);
    *out = (unsigned int)ch;
    return rc;
}

/* A terminfo string capability with up to two numbers filled in, copied into `out` (size
   bytes); returns its length, 0 when the terminal has no such capability. */
static inline int vigil_capability(const char *name, int a, int b, char *out, int size) {
    out[0] = 0;
    const char *cap = tigetstr(name);
    if (cap == NULL || cap == (const char *)-1) return 0;
    const char *filled = tiparm(cap, a, b);
    if (filled == NULL) return 0;
    strncpy(out, filled, (size_t)size - 1);
    out[size - 1] = 0;
    return (int)strlen(out);
}
/* A terminfo boolean capability (am, xenl, …): 1 set, 0 not. */
static inline int vigil_flag(const char *name) { return tigetflag(name) > 0; }

/* Whether the current locale encodes text as UTF-8 (after vigil_setlocale). */
static inline int vigil_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

/* Looks TERM up in terminfo without starting curses: 0 usable, 1 unknown type, 2 cannot move the cursor. */
static inline int vigil_terminal_support(const char *term) {
    int err = 0;
    if (setupterm(term, 1, &err) != OK) return 1;
    const char *cup = tigetstr("cup");
    int usable = cup != NULL && cup != (const char *)-1;
    del_curterm(cur_term);
    return usable ? 0 : 2;
}
#endif
