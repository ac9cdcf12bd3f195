/**
 * Fifty stored-XSS vectors. Each one, if it ever runs, sets `window.__xss` to its number or opens a
 * dialog: the browser test watches both, and the DOM for any element or attribute a vector would add.
 * @module
 */
const V: string[] = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=2">',
  '<svg onload="window.__xss=3">',
  '"><script>window.__xss=4</script>',
  "'><img src=x onerror=window.__xss=5>",
  '<iframe src="javascript:parent.__xss=6"></iframe>',
  '<a href="javascript:window.__xss=7">x7</a>',
  '<body onload="window.__xss=8">',
  '<details open ontoggle="window.__xss=9">',
  '<input autofocus onfocus="window.__xss=10">',
  '<video><source onerror="window.__xss=11"></video>',
  '<audio src=x onerror="window.__xss=12">',
  '<marquee onstart="window.__xss=13">',
  '<object data="javascript:window.__xss=14"></object>',
  '<embed src="javascript:window.__xss=15">',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=16">',
  '<svg><script>window.__xss=17</script></svg>',
  '<svg><a xlink:href="javascript:window.__xss=18"><text y=20>x18</text></a></svg>',
  '<form action="javascript:window.__xss=19"><button>x19</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=20">',
  '<style>@import "javascript:window.__xss=21";</style>',
  '<div style="background:url(javascript:window.__xss=22)">',
  '<base href="javascript:window.__xss=23//">',
  '<link rel=stylesheet href="javascript:window.__xss=24">',
  '<img src="x" onerror="&#119;indow.__xss=25">',
  '<img src=x onerror=window.__xss=26//',
  '<scr<script>ipt>window.__xss=27</scr</script>ipt>',
  '<SCRIPT SRC=data:text/javascript,window.__xss=28></SCRIPT>',
  '<img """><script>window.__xss=29</script>">',
  '<<script>window.__xss=30//<</script>',
  '</title><script>window.__xss=31</script>',
  '</textarea><script>window.__xss=32</script>',
  '</style><script>window.__xss=33</script>',
  '<!--<img src="--><img src=x onerror=window.__xss=34//">',
  '<noscript><p title="</noscript><img src=x onerror=window.__xss=35>">',
  '<template><img src=x onerror="window.__xss=36"></template>',
  '"onmouseover="window.__xss=37',
  "' onfocus='window.__xss=38' autofocus='",
  'javascript:window.__xss=39',
  'data:text/html,<script>window.__xss=40</script>',
  '{{constructor.constructor("window.__xss=41")()}}',
  '\u0024{window.__xss=42}',
  '<img src=x:x onerror=eval(atob("d2luZG93Ll9feHNzPTQz"))>',
  '<svg/onload=window.__xss=44>',
  '<img src=`x`onerror=window.__xss=45>',
  '\u003cimg src=x onerror=window.__xss=46\u003e',
  '<x contenteditable onblur=window.__xss=47>x47',
  '<select autofocus onfocus=window.__xss=48>',
  '<keygen autofocus onfocus=window.__xss=49>',
  '<isindex type=image src=1 onerror=window.__xss=50>',
]

export const XSS_VECTORS: readonly string[] = V

/** Text that shows a vector was stored and rendered as text: its first characters, as a user reads them. */
export function visiblePart(vector: string): string {
  return vector.slice(0, 12)
}
