# bash completion for storyfold: commands, then each command's options (read
# from its --help, so new options complete without editing this file), then paths.
_storyfold() {
    local cur=${COMP_WORDS[COMP_CWORD]}
    if [ "$COMP_CWORD" -eq 1 ]; then
        local cmds
        cmds=$(storyfold --help 2>/dev/null | awk '/^Commands:/{on=1; next} on && /^  [a-z]/{print $1} /^$/{if(on) on=0}')
        COMPREPLY=($(compgen -W "$cmds help" -- "$cur"))
        return
    fi
    if [[ $cur == -* ]]; then
        local opts
        opts=$(storyfold "${COMP_WORDS[1]}" --help 2>/dev/null | grep -o -- '--[a-z][a-z0-9-]*' | sort -u)
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
        return
    fi
    COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _storyfold storyfold
