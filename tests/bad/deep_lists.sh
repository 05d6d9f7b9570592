# 3,000 nested list items, each indented under the previous one.
i=0
while [ $i -lt 3000 ]; do printf '%*s- item\n' $((i * 2)) ''; i=$((i + 1)); done
