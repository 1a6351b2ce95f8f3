import { encode } from 'uqr';

/**
 * A QR code drawn as SVG rectangles from its modules: no HTML string, no image from anywhere else,
 * so the otpauth URI (which holds the secret) never leaves the desk.
 */
export function QrCode({ text, label, size = 192 }: { text: string; label: string; size?: number }) {
  const { data } = encode(text, { ecc: 'M', border: 2 });
  const cells = data.length;
  return (
    <svg role="img" aria-label={label} data-testid="two-factor-qr" width={size} height={size} viewBox={`0 0 ${cells} ${cells}`} shapeRendering="crispEdges">
      <rect width={cells} height={cells} fill="#fff" />
      {data.flatMap((row, y) => row.map((dark, x) => (dark ? <rect key={`${x}-${y}`} x={x} y={y} width={1} height={1} fill="#000" /> : null)))}
    </svg>
  );
}
