# Image sizes that cannot be drawn (zero, 0%, 1e-320, inf, NaN): a warning
# at the attribute's file:line:col, the attribute ignored, the image printed
# at its own size (before: the whole PDF failed with "invalid matrix", exit
# 3, and the EPUB got width:infpx). An image without alt text and a Hugo
# figure are located too.
cp "$IMAGES/rgba.png" pic.png
cat >sizes.md <<'MD'
A ![a](pic.png){width=0} B

![b](pic.png){height=0}

![c](pic.png){width=0%}

![d](pic.png){width=1e-320}

![e](pic.png){ width=inf fig-align="center"}

<img src="pic.png" width="0">

![](pic.png){height=nan}

  {{< figure src="pic.png" width="inf" caption="Hugo" >}}

Fin du texte.
MD
run sizes.md -o out.pdf
expect_exit 0
expect_err 'sizes.md:1:17: warning: image width "0" is not a usable length'
expect_err 'sizes.md:3:15: warning: image height "0" is not a usable length'
expect_err 'sizes.md:5:15: warning: image width "0%" is not a usable length'
expect_err 'sizes.md:7:15: warning: image width "1e-320" is not a usable length'
expect_err 'sizes.md:9:16: warning: image width "inf" is not a usable length'
expect_err 'sizes.md:11:1: warning: <img width="0">: not a usable length'
expect_err 'sizes.md:13:14: warning: image height "nan" is not a usable length'
expect_err 'sizes.md:15:3: warning: {{< figure >}} width "inf" is not a usable length'
expect_has out.pdf 'Fin du texte.'
run sizes.md -o out.epub
expect_exit 0
expect_lacks out.epub 'infpx'
expect_lacks out.epub 'width:0'
expect_lacks out.epub 'e-3'
