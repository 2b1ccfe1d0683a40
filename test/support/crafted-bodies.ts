/**
 * Unsigned push bodies crafted to make a careless envelope parser work hard: runs of whitespace inside `<Encrypt>`
 * (a backtracking regex goes cubic on them), thousands of `<Encrypt>` openers, runs of `<` and `]]`, CDATA that never
 * ends, `<!` runs near a DOCTYPE check. Each is exactly `size` bytes (ASCII).
 */
export function craftedBodies(size: number): Array<{ name: string; body: string }> {
  const fill = (head: string, unit: string, tail = '') => {
    const room = Math.max(0, size - head.length - tail.length);
    return head + unit.repeat(Math.ceil(room / unit.length)).slice(0, room) + tail;
  };
  return [
    { name: 'spaces after <Encrypt>', body: fill('<xml><Encrypt>', ' ') },
    { name: 'tabs and newlines after <Encrypt>, then x<', body: fill('<xml><Encrypt>', '\t\n', 'x<') },
    { name: 'spaces, CDATA opener, spaces', body: fill('<xml><Encrypt>  <![CDATA[', ' ') },
    { name: '<Encrypt> openers', body: fill('<xml>', '<Encrypt>') },
    { name: '<Encrypt><![CDATA[ openers', body: fill('<xml>', '<Encrypt><![CDATA[') },
    { name: 'run of <', body: fill('<xml><Encrypt>', '<') },
    { name: 'run of ]]', body: fill('<xml><Encrypt><![CDATA[', ']]') },
    { name: 'CDATA without end', body: fill('<xml><Encrypt><![CDATA[', 'A') },
    { name: 'run of <!', body: fill('<xml>', '<!') },
    { name: '</Encrypt> closers', body: fill('<xml><Encrypt>', ' </Encrypt>') },
  ];
}
