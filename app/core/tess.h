/*
 * tess: cutting a simple polygon (with holes) into triangles, so water and
 * parks can be filled with SDL_RenderGeometry. Ear clipping, holes joined
 * to the outer ring by bridges: O(n^2), fine for map areas of hundreds of
 * points, done once when a map loads. (No Debian C library does this
 * without pulling in OpenGL: GLU's tessellator needs libGL.)
 */
#ifndef TRYGG_TESS_H
#define TRYGG_TESS_H

#include <stddef.h>

#include "err.h"

/* Most points in one call (all rings together); more is refused, since
 * the cut takes time growing with the square of the points (a 20,000
 * point star takes 0.6 to 0.9 s on the 2-core EPYC test machine). */
#define TESS_MAX_POINTS 20000

/* rings[0] is the outer ring, the rest holes; ring i has counts[i] points
 * (x, y pairs in xy, rings one after another, not closed: the last point
 * is not the first again; a closed ring is tolerated). Either orientation.
 * Repeated and collinear points are tolerated, and so are holes that
 * touch the outer ring or each other at points (as OGC simple features
 * allow; not along a line).
 *
 * Writes triangles as indexes into the points (0 = the first point of
 * rings[0]; 3 per triangle, each counter-clockwise) into a new array *out
 * (the caller frees it; NULL when there are none), *n_out indexes. A ring
 * without area (all points on one line) gives no triangles: an outer one
 * makes the result empty, a hole is ignored. Refused with a message: a
 * ring of fewer than 3 points, edges that cross or run along each other
 * (naming the two edges by their first point, counted from 0 in each
 * ring), a ring that turns both ways round no area, a hole outside the
 * outer ring or inside another hole, and any polygon the cut cannot
 * finish; the cut never loops: it stops after a full round of the ring
 * without progress. */
int tess_polygon(const float *xy, const size_t *counts, size_t n_rings,
                 unsigned **out, size_t *n_out, err_t *e);

#endif
