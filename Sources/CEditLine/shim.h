#ifndef REJOINDER_CEDITLINE_SHIM_H
#define REJOINDER_CEDITLINE_SHIM_H

// libedit, as the prompt uses it. el_set, el_get and history are variadic,
// which Swift cannot call, so each use gets a fixed-argument wrapper here.

#include <stdio.h>
#include <histedit.h>

typedef char *(*rejoinder_prompt_function)(EditLine *);
typedef unsigned char (*rejoinder_editor_function)(EditLine *, int);

static inline int rejoinder_el_set_prompt(EditLine *editor, rejoinder_prompt_function function) {
    return el_set(editor, EL_PROMPT, function);
}

static inline int rejoinder_el_set_editor(EditLine *editor, const char *mode) {
    return el_set(editor, EL_EDITOR, mode);
}

static inline int rejoinder_el_set_signal(EditLine *editor, int handles) {
    return el_set(editor, EL_SIGNAL, handles);
}

static inline int rejoinder_el_set_history(EditLine *editor, History *history_state) {
    return el_set(editor, EL_HIST, history, history_state);
}

static inline int rejoinder_el_add_function(EditLine *editor, const char *name, const char *help, rejoinder_editor_function function) {
    return el_set(editor, EL_ADDFN, name, help, function);
}

static inline int rejoinder_el_bind(EditLine *editor, const char *key, const char *function_name) {
    return el_set(editor, EL_BIND, key, function_name, NULL);
}

/// `setty -d MODE`: fixes a tty mode while editing (we turn `isig` off so
/// that Ctrl-C reaches the editor as a key instead of a signal).
static inline int rejoinder_el_set_edit_tty(EditLine *editor, const char *mode) {
    return el_set(editor, EL_SETTY, "-d", mode, NULL);
}

static inline int rejoinder_el_set_client_data(EditLine *editor, void *data) {
    return el_set(editor, EL_CLIENTDATA, data);
}

static inline void *rejoinder_el_get_client_data(EditLine *editor) {
    void *data = NULL;
    el_get(editor, EL_CLIENTDATA, &data);
    return data;
}

static inline int rejoinder_history_set_size(History *history_state, int size) {
    HistEvent event;
    return history(history_state, &event, H_SETSIZE, size);
}

static inline int rejoinder_history_set_unique(History *history_state, int unique) {
    HistEvent event;
    return history(history_state, &event, H_SETUNIQUE, unique);
}

static inline int rejoinder_history_enter(History *history_state, const char *entry) {
    HistEvent event;
    return history(history_state, &event, H_ENTER, entry);
}

#endif
