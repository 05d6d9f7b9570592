# A chain of 10 includes, over the include depth limit of 8.
i=0
while [ $i -lt 10 ]; do
    printf 'Niveau %d\n\n{{< include p%d.md >}}\n' $i $((i + 1)) >p$i.md
    i=$((i + 1))
done
printf 'Le fond.\n' >p10.md
run p0.md -o out.pdf
expect_exit 1
expect_err 'p8.md:3:1: error: {{< include p9.md >}}: includes nested deeper than 8'
