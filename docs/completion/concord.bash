# bash completion for concord-index, concord-query and concord-web (installed once under each
# name in /usr/share/bash-completion/completions/). Options, subcommands and the values an
# option accepts ({a,b,c} in its --help) are read from the programs' own --help, so they never
# disagree with the program; entity names (mentions, xref) come from
# `concord-query entities --csv` on the database the command line names.

# The words of `--help` output that list the choices of option $2: "--lang TEXT:{en,fr,es}".
_concord_choices() {
    local help=$1 opt=$2
    printf '%s\n' "$help" | sed -n -e "s/^ *\(-[a-zA-Z],\)\{0,1\}$opt [^ ]*{\([^}]*\)}.*/\2/p" |
        head -n 1 | tr ',' ' '
}

_concord() {
    local cur prev words cword
    _init_completion || return
    local prog=${words[0]} sub= i db=()
    local subs=
    if [[ ${prog##*/} == concord-query ]]; then
        subs=$("$prog" --help 2>/dev/null | sed -n '/^Subcommands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p')
    fi
    # The subcommand, and the databases named so far (for entity names).
    for ((i = 1; i < cword; i++)); do
        case ${words[i]} in
            --db) db+=(--db "${words[i + 1]}"); ((i++)) ;;
            --db=*) db+=("${words[i]}") ;;
            --authority | --color | --listen | --password-file | --accept | --write-accept | \
                --gazetteer | --exclude | --max-size | -j | --threads | --commit-every | \
                --commit-interval | --query-seconds | --render-seconds | --path | --lang | \
                --form | --type | --format | --sort | -n | --limit | --offset | -p | --page | \
                --fail-on | --min-weight | --entity)
                ((i++)) ;;
            -*) ;;
            *) if [[ -n $subs && -z $sub ]]; then sub=${words[i]}; fi ;;
        esac
    done
    local help
    if [[ -n $sub ]]; then
        help=$("$prog" "$sub" --help 2>/dev/null)
    else
        help=$("$prog" --help 2>/dev/null)
    fi

    case $prev in
        --db | --gazetteer | --authority | --accept | --write-accept | --password-file)
            _filedir
            return ;;
        --path)
            _filedir -d
            return ;;
    esac
    if [[ $prev == -* ]]; then
        local choices
        choices=$(_concord_choices "$help" "$prev")
        if [[ -n $choices ]]; then
            COMPREPLY=($(compgen -W "$choices" -- "$cur"))
            return
        fi
        # An option that takes a value we cannot list: let the user type it.
        if printf '%s\n' "$help" | grep -q -e "^ *\(-[a-zA-Z],\)\{0,1\}$prev [A-Z]"; then
            return
        fi
    fi

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(_parse_help - <<<"$help")" -- "$cur"))
        [[ ${COMPREPLY-} == *= ]] && compopt -o nospace
        return
    fi
    if [[ -n $subs && -z $sub ]]; then
        COMPREPLY=($(compgen -W "$subs" -- "$cur"))
        return
    fi
    case $sub in
        mentions | xref)
            local q=${words[0]%concord-query}concord-query
            local ids
            ids=$("$q" "${db[@]}" entities --csv 2>/dev/null | sed -e '1d' -e 's/,.*//')
            local IFS=$'\n'
            COMPREPLY=($(compgen -W "$ids" -- "$cur"))
            return ;;
        show | cases | '')
            _filedir
            return ;;
    esac
}
complete -F _concord concord-index concord-query concord-web
