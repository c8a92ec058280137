/**
 * The tldraw record schema of a board: tldraw's default shapes and bindings plus the
 * template's own shapes and the plan's (themes, commitments). The server uses it to build and validate template records without a
 * browser; the client's store, built from shape utils with the same props and migrations,
 * serializes to the same schema (a test holds this).
 */
import { createTLSchema, defaultBindingSchemas, defaultShapeSchemas } from '@tldraw/tlschema'
import {
  AREA_SHAPE_TYPE,
  LOOP_SHAPE_TYPE,
  STEP_SHAPE_TYPE,
  areaShapeMigrations,
  areaShapeProps,
  loopShapeMigrations,
  loopShapeProps,
  stepShapeMigrations,
  stepShapeProps,
  TRAY_SHAPE_TYPE,
  trayShapeMigrations,
  trayShapeProps,
} from './shapes'
import {
  COMMITMENT_SHAPE_TYPE,
  THEME_SHAPE_TYPE,
  commitmentShapeMigrations,
  commitmentShapeProps,
  themeShapeMigrations,
  themeShapeProps,
} from './planShapes'

export const boardSchema = createTLSchema({
  shapes: {
    ...defaultShapeSchemas,
    [AREA_SHAPE_TYPE]: { props: areaShapeProps, migrations: areaShapeMigrations },
    [STEP_SHAPE_TYPE]: { props: stepShapeProps, migrations: stepShapeMigrations },
    [LOOP_SHAPE_TYPE]: { props: loopShapeProps, migrations: loopShapeMigrations },
    [TRAY_SHAPE_TYPE]: { props: trayShapeProps, migrations: trayShapeMigrations },
    [THEME_SHAPE_TYPE]: { props: themeShapeProps, migrations: themeShapeMigrations },
    [COMMITMENT_SHAPE_TYPE]: { props: commitmentShapeProps, migrations: commitmentShapeMigrations },
  },
  bindings: defaultBindingSchemas,
})
