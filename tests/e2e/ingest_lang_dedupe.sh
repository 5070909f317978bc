# Language identification and duplicates: French, Spanish, German, Russian and Chinese articles
# are skipped and counted (not coded as garbage), explicit language metadata wins, --lang any keeps
# them; an article seen twice (same normalised body) is coded once.
. "$(dirname "$0")/lib.inc"
C="$DYAD code --data $MINI --date 2024-02-20"
mkdir -p "$TMP/l"
cat >"$TMP/l/en.txt" <<'EOF'
Japan condemned North Korea on Monday after the missile launch, and officials in Tokyo said they
would raise the matter with their allies at the United Nations later this week.
EOF
cat >"$TMP/l/fr.txt" <<'EOF'
Le Japon a condamné lundi la Corée du Nord après le tir de missile, et les responsables à Tokyo ont
déclaré qu'ils soulèveraient la question avec leurs alliés aux Nations unies plus tard cette semaine.
EOF
cat >"$TMP/l/es.txt" <<'EOF'
Japón condenó el lunes a Corea del Norte tras el lanzamiento del misil, y las autoridades de Tokio
dijeron que plantearán el asunto con sus aliados en las Naciones Unidas a finales de esta semana.
EOF
cat >"$TMP/l/de.txt" <<'EOF'
Japan hat Nordkorea am Montag nach dem Raketenstart verurteilt, und die Behörden in Tokio sagten,
dass sie die Angelegenheit noch in dieser Woche bei den Vereinten Nationen mit ihren Verbündeten
ansprechen werden.
EOF
cat >"$TMP/l/ru.txt" <<'EOF'
Япония в понедельник осудила Северную Корею после запуска ракеты, а официальные лица в Токио заявили,
что поднимут этот вопрос со своими союзниками в Организации Объединённых Наций позже на этой неделе.
EOF
cat >"$TMP/l/zh.txt" <<'EOF'
日本周一谴责朝鲜发射导弹，东京官员表示，他们将在本周晚些时候在联合国与盟友讨论此事。
EOF
# The same English story again: re-wrapped, different case and spacing, with a header.
cat >"$TMP/l/en_again.txt" <<'EOF'
Title: Same story, another outlet

JAPAN condemned North Korea on Monday after the missile launch,   and officials in Tokyo said they would raise the matter
with their allies at the United Nations later this week.
EOF
# Explicit metadata wins over the detector.
printf 'Language: en\n\n%s\n' "$(cat "$TMP/l/fr.txt")" >"$TMP/l/fr_labelled_en.txt"
printf '{"text": "Japan condemned North Korea on Monday, officials in Tokyo said in a statement.", "language": "de"}\n' >"$TMP/l/labelled_de.jsonl"

expect_status 0 $C "$TMP/l"
expect_grep "2 articles, .* 0 skipped, 6 non-English, 1 duplicates, 0 errors" "$TMP/err"
expect_grep '"doc":"en"' "$TMP/out"
grep -q '"doc":"fr"' "$TMP/out" && fail "French article was coded"
grep -q '"doc":"en_again"' "$TMP/out" && fail "duplicate was coded"

# dyad extract says which language each article is in, and -v names every skipped one
expect_status 0 "$DYAD" extract -v "$TMP/l"
expect_grep "fr.txt: article fr: language fr; skipped" "$TMP/err"
expect_grep "es.txt: article es: language es; skipped" "$TMP/err"
expect_grep "de.txt: article de: language de; skipped" "$TMP/err"
expect_grep "ru.txt: article ru: language ru; skipped" "$TMP/err"
expect_grep "zh.txt: article zh: language zh; skipped" "$TMP/err"
expect_grep "labelled_de.jsonl:1: language de; skipped" "$TMP/err"
expect_grep "en_again.txt: article en_again: duplicate of an earlier article; skipped" "$TMP/err"
expect_grep '"id":"fr_labelled_en".*"language":"en"' "$TMP/out"

# --lang any keeps everything; --keep-duplicates keeps the copy; a list keeps those languages
expect_status 0 "$DYAD" extract --lang any --keep-duplicates "$TMP/l"
[ "$(wc -l <"$TMP/out")" -eq 9 ] || fail "--lang any --keep-duplicates: want 9 articles"
for l in fr es de ru zh; do expect_grep "\"id\":\"$l\".*\"language\":\"$l\"" "$TMP/out"; done
expect_status 0 "$DYAD" extract --lang fr,ru "$TMP/l"
[ "$(wc -l <"$TMP/out")" -eq 2 ] || fail "--lang fr,ru: want 2 articles"

# duplicates across inputs and formats: the first one wins, in input order
printf '{"text": "Japan condemned North Korea on Monday after the missile launch, and officials in Tokyo said they would raise the matter with their allies at the United Nations later this week."}\n' >"$TMP/dup.jsonl"
expect_status 0 $C "$TMP/dup.jsonl" "$TMP/l/en.txt"
expect_grep '"doc":"dup:1"' "$TMP/out"
expect_grep "1 articles, .* 1 duplicates" "$TMP/err"
# the same file twice on the command line
expect_status 0 $C "$TMP/l/en.txt" "$TMP/l/en.txt"
expect_grep "1 articles, .* 1 duplicates" "$TMP/err"
echo ok
