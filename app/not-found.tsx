import Link from 'next/link'
import { getT } from './_lib/locale'

export default async function NotFound() {
  const t = await getT()
  return (
    <main id="main" className="message-page">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p>
        <Link className="button button--primary" href="/">
          {t('notFound.home')}
        </Link>
      </p>
    </main>
  )
}
