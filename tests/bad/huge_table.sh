# 2 columns x 60,000 rows: 120,000 cells (the default limit is 100,000).
echo '| a | b |'
echo '|---|---|'
yes '| x | y |' | head -n 60000
