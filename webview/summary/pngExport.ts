/**
 * The one part of the export that needs a real browser: draw a standalone SVG into a canvas and read it
 * back as PNG. The panel's CSP allows `data:` images, so nothing is fetched.
 */

/** Base64 PNG (without the `data:` prefix) of `svg`, drawn at `pixelRatio` times its size for print. */
export async function svgToPngBase64(svg: string, width: number, height: number, pixelRatio = 2): Promise<string> {
  const image = new Image();
  const loaded = new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('the chart SVG could not be drawn as an image'));
  });
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await loaded;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * pixelRatio);
  canvas.height = Math.round(height * pixelRatio);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('this browser gives no 2D canvas, so no PNG can be made');
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
}
