#!/bin/sh
# corpus.sh DIR N [SEED [DUPS]] — write N small synthetic news articles (text files with Title/Date/
# Source/URL headers) for the database tests. Deterministic for a given SEED. The sentences
# use names and verbs of the tests/data/mini dictionaries, so the same events recur across
# articles and outlets (aggregation), and every 25th article repeats an earlier body under
# another outlet (document identity is the body: it must be stored once); DUPS=0 turns that off.
set -eu
dir=$1
n=$2
seed=${3:-1}
dups=${4:-1}
mkdir -p "$dir"
awk -v dir="$dir" -v n="$n" -v seed="$seed" -v dups="$dups" 'BEGIN {
    srand(seed)
    na = split("China|Japan|the United States|Russia|Ukraine|India|South Korea|North Korea|Taiwan|Turkey|NATO|the United Nations|Hamas|Chinese troops|Russian forces|Japanese officials|the Kremlin|the Pentagon|Indian police|Ukrainian soldiers", A, "|")
    nv = split("condemned|accused|met|visited|criticized|threatened|arrested|attacked|rejected|held talks with|bombed|invaded|met with", V, "|")
    nt = split("on Monday|on Tuesday|on Wednesday|yesterday||today|last week|on Friday", T, "|")
    no = split("Reuters|AP|AFP|Xinhua|Yonhap", O, "|")
    nf = split("Officials gave no further details.|The talks were described as frank.|Markets were calm.|More meetings are planned.", F, "|")
    for (i = 1; i <= n; i++) {
        file = sprintf("%s/a%05d.txt", dir, i)
        day = 1 + int(rand() * 28)
        mon = 1 + int(rand() * 3)
        out = O[1 + int(rand() * no)]
        printf "Title: Article %d\nDate: 2024-%02d-%02d\nSource: %s\nURL: https://news.example/%s/%d\n\n", i, mon, day, out, tolower(out), i > file
        if (dups && i > 25 && i % 25 == 0) {
            body[i] = body[int(rand() * (i - 1)) + 1]
            printf "%s", body[i] > file
            close(file)
            continue
        }
        b = ""
        ns = 2 + int(rand() * 6)
        for (s = 1; s <= ns; s++) {
            x = A[1 + int(rand() * na)]
            y = A[1 + int(rand() * na)]
            if (x == y) { b = b F[1 + int(rand() * nf)] " "; continue }
            t = T[1 + int(rand() * nt)]
            sen = x " " V[1 + int(rand() * nv)] " " y (t == "" ? "" : " " t) "."
            b = b toupper(substr(sen, 1, 1)) substr(sen, 2) (s % 3 == 0 ? "\n\n" : " ")
        }
        body[i] = b "\n"
        printf "%s", body[i] > file
        close(file)
    }
}'
