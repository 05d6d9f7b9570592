# 100 nested ::: divs.
i=0
while [ $i -lt 100 ]; do echo '::: {.box}'; i=$((i + 1)); done
echo 'deep'
i=0
while [ $i -lt 100 ]; do echo ':::'; i=$((i + 1)); done
