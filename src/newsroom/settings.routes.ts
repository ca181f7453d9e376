import { type Routes } from '../http/index.js'
import { getSiteSettings, updateSiteSettings } from '../site/index.js'
import { DoneQuery, doneNotice, FormBody, formValues, newsroomCsrf, refuseForm, staffOnly, verifyNewsroomCsrf } from '../staff/index.js'
import { SETTINGS_NOTICES, SiteSettingsPage } from './settings.page.js'

const SettingsBody = FormBody({ name: 1000, tagline: 2000, defaultSkin: 50, digits: 50, showHijri: 10 })

/** /newsroom/settings: name, tagline, default skin, digits, Hijri date. Saving bumps the content version, so every page shows it at once. */
export const newsroomSettingsRoutes: Routes = async (app) => {
  const { db, config } = app
  app.addHook('onRequest', staffOnly('settings.manage'))
  app.addHook('preHandler', verifyNewsroomCsrf)

  app.get('/', { schema: { querystring: DoneQuery } }, async (request, reply) => {
    const settings = await getSiteSettings(db, { timeZone: config.timeZone })
    return reply.html(SiteSettingsPage({ staff: request.staff!, csrf: newsroomCsrf(request), settings, notice: doneNotice(SETTINGS_NOTICES, request.query.done) }))
  })

  app.post('/', { schema: { body: SettingsBody } }, async (request, reply) => {
    const values = formValues(request.body)
    try {
      await updateSiteSettings(db, { name: values.name ?? '', tagline: values.tagline ?? '', defaultSkin: values.defaultSkin ?? '', digits: values.digits ?? '', showHijri: values.showHijri === '1' })
      return reply.redirect('/newsroom/settings?done=saved', 303)
    } catch (err) {
      return refuseForm(reply, err, async (problem) => {
        const settings = await getSiteSettings(db, { timeZone: config.timeZone })
        return SiteSettingsPage({ staff: request.staff!, csrf: newsroomCsrf(request), settings, values, problem })
      })
    }
  })
}
